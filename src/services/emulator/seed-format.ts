/** A namespace in a seed: its name alone, or the name with its access level. */
export type SeedNamespace = string | { readonly Name: string; readonly Public?: boolean };

export interface SeedRegistry {
  readonly RegistryId: string;
  readonly Region: string;
  readonly RegistryName?: string;
  /** `Running` unless stated; creating a policy in a registry that is not Running is refused. */
  readonly Status?: string;
  readonly RegistryType?: string;
  readonly Namespaces?: readonly SeedNamespace[];
  /** The credentials may not touch this registry: its calls answer UnauthorizedOperation (as a CAM policy would). */
  readonly Denied?: boolean;
}

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
  readonly registries?: readonly SeedRegistry[];
  readonly kmsKeys?: readonly SeedKmsKey[];
  readonly policies?: readonly SeedPolicy[];
}

export const KEY_STATES = ['Enabled', 'Disabled', 'PendingDelete', 'PendingImport', 'Archived'] as const;

export interface NamespaceRecord {
  readonly Name: string;
  readonly Public: boolean;
  readonly NamespaceId: number;
}

export interface RegistryRecord {
  readonly RegistryId: string;
  readonly RegistryName: string;
  readonly Region: string;
  readonly Status: string;
  readonly RegistryType: string;
  readonly namespaces: readonly NamespaceRecord[];
  readonly Denied: boolean;
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
  readonly registries: readonly RegistryRecord[];
  readonly kmsKeys: readonly KmsKeyRecord[];
  readonly policies: readonly PolicyRecord[];
}
