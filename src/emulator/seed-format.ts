/**
 * Answers a seed can script, in order: for the first CreateSignaturePolicy attempts on a namespace, or
 * the first AssumeRole attempts for an account's roles. None changes anything.
 */
export const SCRIPTED_FAULTS = ['RequestLimitExceeded', 'http-503', 'dropped-before', 'InternalError'] as const;
export type ScriptedFault = (typeof SCRIPTED_FAULTS)[number];

/** A namespace in a seed: its name alone, or the name with its access level and rehearsal switches. */
export type SeedNamespace =
  | string
  | {
      readonly Name: string;
      readonly Public?: boolean;
      /** The caller's CAM policy does not cover it: its writes answer UnauthorizedOperation. */
      readonly Denied?: boolean;
      /** The first CreateSignaturePolicy attempts on it get these transient faults, one each, in order. */
      readonly Faults?: readonly ScriptedFault[];
      /** The image repositories it holds, with their tags. */
      readonly Repositories?: readonly SeedRepository[];
    };

/** A tag in a seed: its name, or its name and whether it is signed already. */
export type SeedTag = string | { readonly Name: string; readonly Signed?: boolean };

/**
 * A repository: its name inside the namespace (nested names allowed: `images/debian`) and its tags,
 * listed, or a number N for tags `v1`…`vN` of which the first `Signed` are signed already.
 */
export interface SeedRepository {
  readonly Name: string;
  readonly Tags?: number | readonly SeedTag[];
  readonly Signed?: number;
}

/**
 * How DescribeRepositories names a repository: `with-namespace` (`library/busybox`, as the API
 * reference's example answers) or `bare` (`busybox`). A client must work with either.
 */
export type RepositoryNameForm = 'with-namespace' | 'bare';
export const REPOSITORY_NAME_FORMS: readonly RepositoryNameForm[] = ['with-namespace', 'bare'];

export interface SeedRegistry {
  readonly RegistryId: string;
  readonly Region: string;
  readonly RegistryName?: string;
  /** `Running` unless stated; creating a policy in a registry that is not Running is refused. */
  readonly Status?: string;
  readonly RegistryType?: string;
  /** Custom domains (DescribeInstanceCustomizedDomain); a policy's non-empty Domain must be one of them. None when absent. */
  readonly Domains?: readonly string[];
  readonly Namespaces?: readonly SeedNamespace[];
  /** The credentials may not touch this registry: its calls answer UnauthorizedOperation (as a CAM policy would). */
  readonly Denied?: boolean;
  /** The Uin of the account that owns it (one of `accounts`); default: the base credentials' account. */
  readonly Account?: string;
}

/** Another account, reached through the CAM roles it lists (STS AssumeRole). */
export interface SeedAccount {
  /** The account's Uin, as in `qcs::cam::uin/<Uin>:roleName/<role>`. */
  readonly Uin: string;
  /**
   * Its roles; their ARN is `qcs::cam::uin/<Uin>:roleName/<name>`. A name alone may be assumed by the
   * base account; `Trusts` lists the accounts (Uins) its trust policy names instead.
   */
  readonly Roles?: readonly (string | { readonly Name: string; readonly Trusts?: readonly string[] })[];
  /** The first AssumeRole attempts for its roles get these transient answers, one each, in order (STS's blips). */
  readonly Faults?: readonly ScriptedFault[];
  /** Its first N `DescribeImages` answer; every later one is `UnauthorizedOperation` (a CAM policy narrowed mid-run). */
  readonly DeniedAfterImagePages?: number;
  /** The code of that refusal: `UnauthorizedOperation` (default) or `AuthFailure.UnauthorizedOperation` (which stops the account's traffic). */
  readonly DeniedImagePagesCode?: DeniedImagesCode;
}

export const DENIED_IMAGES_CODES = ['UnauthorizedOperation', 'AuthFailure.UnauthorizedOperation'] as const;
export type DeniedImagesCode = (typeof DENIED_IMAGES_CODES)[number];

export interface SeedKmsKey {
  readonly KeyId: string;
  readonly Region: string;
  readonly Alias?: string;
  /** `Enabled` unless stated. */
  readonly KeyState?: string;
  /** `ENCRYPT_DECRYPT` unless stated, as KMS itself defaults. */
  readonly KeyUsage?: string;
  readonly Description?: string;
}

export interface SeedPolicy {
  readonly RegistryId: string;
  readonly NamespaceName: string;
  readonly Name: string;
  readonly KmsId: string;
  readonly KmsRegion?: string;
  readonly Domain?: string;
  readonly Disabled?: boolean;
}

/** The emulator's starting state (fixtures/emulator-seed.json has this shape). Every list may be left out. */
export interface EmulatorSeed {
  readonly accounts?: readonly SeedAccount[];
  readonly registries?: readonly SeedRegistry[];
  readonly kmsKeys?: readonly SeedKmsKey[];
  readonly policies?: readonly SeedPolicy[];
  /** DescribeNamespaces counts `Offset` in pages (its API reference's "page offset"), not items. Default false. */
  readonly offsetCountsPages?: boolean;
  /** How DescribeRepositories names repositories. Default `with-namespace`. */
  readonly repositoryNames?: RepositoryNameForm;
}

/** The account of the base credentials (every key the emulator was given): what a seed without accounts owns. */
export const BASE_UIN = '100000000001';

export const KEY_STATES = ['Enabled', 'Disabled', 'PendingDelete', 'PendingImport', 'Archived'] as const;

export interface NamespaceRecord {
  readonly Name: string;
  readonly Public: boolean;
  readonly NamespaceId: number;
  readonly Denied: boolean;
  readonly Faults: readonly ScriptedFault[];
  readonly repositories: readonly RepositoryRecord[];
}

export interface TagRecord {
  readonly ImageVersion: string;
  readonly Digest: string;
  readonly Size: number;
  /** Signed in the seed, before any CreateSignature. */
  readonly signedInSeed: boolean;
}

export interface RepositoryRecord {
  /** The name inside its namespace, as CreateSignature and DescribeImages take it. */
  readonly Name: string;
  readonly tags: readonly TagRecord[];
}

export interface RegistryRecord {
  readonly RegistryId: string;
  readonly RegistryName: string;
  readonly Region: string;
  readonly Status: string;
  readonly RegistryType: string;
  readonly Domains: readonly string[] | undefined;
  readonly namespaces: readonly NamespaceRecord[];
  readonly Denied: boolean;
  /** The Uin of the owning account. */
  readonly Account: string;
}

/** A role and the accounts whose identities its trust policy lets assume it. */
export interface RoleRecord {
  readonly Name: string;
  readonly Trusts: readonly string[];
}

export interface AccountRecord {
  readonly Uin: string;
  readonly Roles: readonly RoleRecord[];
  readonly Faults: readonly ScriptedFault[];
  /** SeedAccount.DeniedAfterImagePages; undefined: never. */
  readonly DeniedAfterImagePages?: number;
  readonly DeniedImagePagesCode?: DeniedImagesCode;
}

export interface KmsKeyRecord {
  readonly KeyId: string;
  readonly Alias: string;
  readonly Region: string;
  readonly KeyState: string;
  readonly KeyUsage: string;
  readonly Description: string;
  /** Unix seconds; seeded keys get increasing times in seed order so ordering by time is stable. */
  readonly CreateTime: number;
}

export interface PolicyRecord {
  readonly RegistryId: string;
  readonly NamespaceName: string;
  readonly Name: string;
  readonly KmsId: string;
  readonly KmsRegion: string;
  readonly Domain: string;
  readonly Disabled: boolean;
}

/** A seed after validation, with every default filled in. */
export interface NormalizedSeed {
  /** The accounts besides the base one (whose Uin is BASE_UIN). */
  readonly accounts: readonly AccountRecord[];
  readonly registries: readonly RegistryRecord[];
  readonly kmsKeys: readonly KmsKeyRecord[];
  readonly policies: readonly PolicyRecord[];
  readonly offsetCountsPages: boolean;
  readonly repositoryNames: RepositoryNameForm;
}
