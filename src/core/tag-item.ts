import { isRoleArn } from './role-arn.js';
import { cellText as text, OUTCOME_COLUMNS, outcomeOfCells, withAccountColumn, withOutcome, type ItemKind, type Outcome } from './work-item.js';

/** One image tag to sign: where it lives, and its place in the run (`line`: its position in the listing). */
export interface TagItem {
  readonly line: number;
  readonly Region: string;
  /** The account the tag lives in, when reached through a CAM role: its listing and CreateSignature go through that account. */
  readonly RoleArn?: string;
  readonly RegistryId: string;
  readonly NamespaceName: string;
  /** The repository's name inside its namespace (`images/debian`), as CreateSignature takes it. */
  readonly RepositoryName: string;
  readonly ImageVersion: string;
  readonly Digest: string;
}

export interface TagResult extends TagItem, Outcome {}

/** A sign-images run's export columns (SPEC: one row per tag). */
export const TAG_RESULT_COLUMNS = ['RegistryId', 'NamespaceName', 'RepositoryName', 'ImageVersion', 'Digest', 'Region', ...OUTCOME_COLUMNS] as const;

/** The export columns of these tag results: RoleArn after Region when some tag was reached through a role. */
export function tagResultColumns(results: Iterable<Pick<TagResult, 'RoleArn'>>): readonly (keyof TagResult & string)[] {
  return withAccountColumn(TAG_RESULT_COLUMNS, results);
}

/** `registry/namespace/repository:tag`: the journal's and --resume's key of a tag, never the namespace alone. */
export function tagKey(tag: Pick<TagItem, 'RegistryId' | 'NamespaceName' | 'RepositoryName' | 'ImageVersion'>): string {
  return `${tag.RegistryId}/${tag.NamespaceName}/${tag.RepositoryName}:${tag.ImageVersion}`;
}

export const TAG_ITEMS: ItemKind<TagItem, TagResult> = {
  // The engine reads the account (RoleArn) from here, as it does a policy row's: each tag goes through its account's API and lanes.
  identity: (tag) => tag,
  key: tagKey,
  label: tagKey,
  // A fresh object each time: the tag itself stays as listed.
  result: (id, status, o) => withOutcome({
    line: id.line, Region: id.Region, ...(id.RoleArn ? { RoleArn: id.RoleArn } : {}), RegistryId: id.RegistryId, NamespaceName: id.NamespaceName,
    RepositoryName: id.RepositoryName, ImageVersion: id.ImageVersion, Digest: id.Digest,
  }, status, o),
  columns: TAG_RESULT_COLUMNS,
  exportColumns: (results) => tagResultColumns(results),
  // A tag's record names its repository and tag: a policy's (a namespace alone) is not one.
  read(c) {
    const outcome = outcomeOfCells(c);
    const named = (v: unknown): v is string => typeof v === 'string' && v !== '';
    if (!outcome || !named(c.RegistryId) || !named(c.NamespaceName) || !named(c.RepositoryName) || !named(c.ImageVersion)) return undefined;
    const { status, ...rest } = outcome;
    const id = { line: Number(c.line) || 0, Region: text(c.Region), ...(isRoleArn(text(c.RoleArn)) ? { RoleArn: text(c.RoleArn) } : {}), RegistryId: c.RegistryId, NamespaceName: c.NamespaceName, RepositoryName: c.RepositoryName, ImageVersion: c.ImageVersion, Digest: text(c.Digest) };
    return TAG_ITEMS.result(id, status, rest);
  },
};
