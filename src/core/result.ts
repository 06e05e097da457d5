import type { PolicyRow } from './policy-row.js';
import { withAccountColumn, type ItemResult, type Outcome, type RowStatus } from './work-item.js';

export { ROW_STATUSES, type RowStatus } from './work-item.js';

/** Export columns, in the order every export (CSV, JSON, JSONL) writes them: the input's columns, then the outcome. */
export const RESULT_COLUMNS = [
  'line', 'Region', 'RegistryId', 'NamespaceName', 'Name', 'KmsId', 'KmsRegion', 'Domain', 'Disabled',
  'status', 'RequestId', 'ErrorCode', 'ErrorMessage', 'attempts', 'startedAt', 'finishedAt',
] as const;

/** The one recorded outcome of an input row. Absent values are empty strings so every export has every key. */
export interface RowResult extends Outcome {
  readonly line: number;
  readonly Region: string;
  /** The row's account, when it was reached through a CAM role; a run with roles exports it after Region. */
  readonly RoleArn?: string;
  readonly RegistryId: string;
  readonly NamespaceName: string;
  readonly Name: string;
  readonly KmsId: string;
  readonly KmsRegion: string;
  readonly Domain: string;
  /** 'true', 'false', or '' when not sent. */
  readonly Disabled: string;
}

export type StatusCounts = Record<RowStatus, number>;

/** The row's identifying columns, as they appear in every result. */
export type ResultIdentity = Pick<
  RowResult,
  'line' | 'Region' | 'RoleArn' | 'RegistryId' | 'NamespaceName' | 'Name' | 'KmsId' | 'KmsRegion' | 'Domain' | 'Disabled'
>;

/** The export columns of these results: RoleArn after Region when any row was sent through a role. */
export function resultColumns(results: Iterable<Pick<RowResult, 'RoleArn'>>): readonly ResultColumn[] {
  return withAccountColumn(RESULT_COLUMNS, results);
}

export type ResultColumn = (typeof RESULT_COLUMNS)[number] | 'RoleArn';

export function identityOf(row: PolicyRow): ResultIdentity {
  const r = row.request;
  return {
    line: row.line,
    Region: row.region,
    RegistryId: r.RegistryId,
    NamespaceName: r.NamespaceName,
    Name: r.Name,
    KmsId: r.KmsId,
    KmsRegion: r.KmsRegion,
    Domain: r.Domain ?? '',
    Disabled: r.Disabled === undefined ? '' : String(r.Disabled),
    ...(row.roleArn ? { RoleArn: row.roleArn } : {}),
  };
}

/** A result: the row's identity, its status and what is known of the outcome. Keys in RESULT_COLUMNS order. */
export function resultOf(
  identity: ResultIdentity,
  status: RowStatus,
  outcome: Partial<Pick<RowResult, 'RequestId' | 'ErrorCode' | 'ErrorMessage' | 'attempts' | 'startedAt' | 'finishedAt'>> = {},
): RowResult {
  // Spelled out in one literal rather than spread or added to: this runs once per row, spreads made it the
  // hot spot of a 100,000-row dry run, and fields added after the literal cost each result a second store.
  const result: RowResult = {
    line: identity.line,
    Region: identity.Region,
    RegistryId: identity.RegistryId,
    NamespaceName: identity.NamespaceName,
    Name: identity.Name,
    KmsId: identity.KmsId,
    KmsRegion: identity.KmsRegion,
    Domain: identity.Domain,
    Disabled: identity.Disabled,
    status,
    RequestId: outcome.RequestId ?? '',
    ErrorCode: outcome.ErrorCode ?? '',
    ErrorMessage: outcome.ErrorMessage ?? '',
    attempts: outcome.attempts ?? 0,
    startedAt: outcome.startedAt ?? '',
    finishedAt: outcome.finishedAt ?? '',
  };
  return identity.RoleArn ? { ...result, RoleArn: identity.RoleArn } : result;
}

export function emptyCounts(): StatusCounts {
  return { created: 0, deleted: 0, signed: 0, failed: 0, invalid: 0, skipped: 0, 'dry-run': 0, 'not-sent': 0 };
}

export function countStatuses(results: Iterable<Pick<RowResult, 'status'>>): StatusCounts {
  const counts = emptyCounts();
  for (const r of results) counts[r.status] += 1;
  return counts;
}

/** How many rows the counts are of. */
export function totalOf(counts: StatusCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/** A policy row's result (create, rollback), told apart from other kinds' by its policy columns. */
export function isPolicyResult(r: ItemResult): r is RowResult {
  return 'KmsId' in r;
}
