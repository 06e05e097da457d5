import { cellText as text, OUTCOME_COLUMNS, outcomeOfCells, withOutcome, type ItemKind, type Outcome } from './work-item.js';

/** One image tag to sign: where it lives, and its place in the run (`line`: its position in the listing). */
export interface TagItem {
  readonly line: number;
  readonly Region: string;
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

/** `registry/namespace/repository:tag`: the journal's and --resume's key of a tag, never the namespace alone. */
export function tagKey(tag: Pick<TagItem, 'RegistryId' | 'NamespaceName' | 'RepositoryName' | 'ImageVersion'>): string {
  return `${tag.RegistryId}/${tag.NamespaceName}/${tag.RepositoryName}:${tag.ImageVersion}`;
}

export const TAG_ITEMS: ItemKind<TagItem, TagResult> = {
  identity: (tag) => tag,
  key: tagKey,
  label: tagKey,
  // A fresh object each time: the tag itself stays as listed.
  result: (id, status, o) => withOutcome({
    line: id.line, Region: id.Region, RegistryId: id.RegistryId, NamespaceName: id.NamespaceName,
    RepositoryName: id.RepositoryName, ImageVersion: id.ImageVersion, Digest: id.Digest,
  }, status, o),
  columns: TAG_RESULT_COLUMNS,
  // A tag's record names its repository and tag: a policy's (a namespace alone) is not one.
  read(c) {
    const outcome = outcomeOfCells(c);
    const named = (v: unknown): v is string => typeof v === 'string' && v !== '';
    if (!outcome || !named(c.RegistryId) || !named(c.NamespaceName) || !named(c.RepositoryName) || !named(c.ImageVersion)) return undefined;
    const { status, ...rest } = outcome;
    const id = { line: Number(c.line) || 0, Region: text(c.Region), RegistryId: c.RegistryId, NamespaceName: c.NamespaceName, RepositoryName: c.RepositoryName, ImageVersion: c.ImageVersion, Digest: text(c.Digest) };
    return TAG_ITEMS.result(id, status, rest);
  },
};
