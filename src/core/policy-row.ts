/** Columns a batch CSV may carry, named after the API parameters (plus the per-row Region). */
export const INPUT_COLUMNS = [
  'RegistryId',
  'NamespaceName',
  'Name',
  'KmsId',
  'KmsRegion',
  'Domain',
  'Disabled',
  'Region',
  'RoleArn',
] as const;

export type InputColumn = (typeof INPUT_COLUMNS)[number];

/** Columns that may be left out of the header entirely. */
export const OPTIONAL_COLUMNS: readonly InputColumn[] = ['Domain', 'Disabled', 'Region', 'RoleArn'];

/** Body of a CreateSignaturePolicy request, keys in the order the tool sends them. */
export interface PolicyRequest {
  readonly RegistryId: string;
  readonly Name: string;
  readonly NamespaceName: string;
  readonly KmsId: string;
  readonly KmsRegion: string;
  readonly Domain?: string;
  readonly Disabled?: boolean;
}

/** One validated input row: where it came from, where it goes, and what is sent. */
export interface PolicyRow {
  /** Line number of the row in the input file (1-based, the header is line 1). */
  readonly line: number;
  /** Region the request is sent to (the X-TC-Region header). */
  readonly region: string;
  readonly request: PolicyRequest;
  /** The CAM role of the account the row belongs to (its RoleArn cell, else --role-arn); absent: the base credentials. */
  readonly roleArn?: string;
}

/** The key that makes a policy unique: one policy per namespace of a registry. */
export function policyKey(row: { readonly RegistryId: string; readonly NamespaceName: string }): string {
  return `${row.RegistryId}/${row.NamespaceName}`;
}
