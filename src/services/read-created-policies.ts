import { UsageError } from '../core/errors.js';
import { t } from '../i18n/messages.js';
import type { PriorRecord, RowRecord } from '../core/journal-lines.js';
import type { PolicyRow } from '../core/policy-row.js';
import type { RowResult } from '../core/result.js';
import { outcomeUnknown } from '../core/unknown-outcome.js';
import { readPriorRecords } from './read-prior-results.js';

/** What results files say a batch did: the policies it created, and the rows left alone. */
export interface CreatedPolicies {
  /** One row per namespace recorded as `created`, in line order, with the policy as it was sent. */
  readonly rows: readonly PolicyRow[];
  /** Rows of any other status (failed, skipped, invalid, …): never touched by a rollback. */
  readonly others: number;
  /** Rows whose last record leaves the outcome unknown (an intent, an unanswered attempt). */
  readonly unknown: number;
  /** Files of a sign-images run (image signatures, which no API deletes): left out entirely. */
  readonly signing: readonly string[];
}

/** A record of a sign-images run: a signed tag, or an attempt keyed by a tag (`registry/ns/repo:tag`). */
const isSigningRecord = (record: PriorRecord): boolean =>
  record.kind === 'result' ? record.result.status === 'signed' : record.kind === 'intent' && record.key.includes(':');

/**
 * Reads results exports or journals, in the order given, and keeps exactly the rows their runs
 * created, by each namespace's last record: one listed twice counts once, one recorded as deleted
 * since not at all. A created row without the columns a delete needs is an input error naming it.
 */
export async function readCreatedPolicies(paths: readonly string[]): Promise<CreatedPolicies> {
  const last = new Map<string, { record: RowRecord; path: string; index: number }>();
  let others = 0;
  const signing: string[] = [];
  for (const path of paths) {
    const records = await readPriorRecords(path, t('prior.whatResults'));
    if (records.some(isSigningRecord)) {
      signing.push(path);
      continue;
    }
    for (const [index, record] of records.entries()) {
      if (record.kind === 'run') continue;
      if (record.kind === 'result' && record.result.status !== 'created') others += 1;
      last.set(record.key, { record, path, index });
    }
  }
  const rows: PolicyRow[] = [];
  let unknown = 0;
  for (const { record, path, index } of last.values()) {
    if (record.kind === 'intent' || outcomeUnknown(record.result)) unknown += 1;
    else if (record.result.status === 'created') rows.push(rowOf(record.result, path, index));
  }
  return { rows: rows.sort((a, b) => a.line - b.line), others, unknown, signing };
}

function rowOf(r: RowResult, path: string, index: number): PolicyRow {
  const missing = (['Region', 'RegistryId', 'NamespaceName'] as const).filter((k) => r[k] === '');
  if (missing.length > 0) {
    throw new UsageError(t('prior.createdMissing', { path, n: index + 1, missing: missing.join(', ') }), t('prior.asWritten'));
  }
  const request = {
    RegistryId: r.RegistryId,
    Name: r.Name,
    NamespaceName: r.NamespaceName,
    KmsId: r.KmsId,
    KmsRegion: r.KmsRegion,
    ...(r.Domain ? { Domain: r.Domain } : {}),
    ...(r.Disabled ? { Disabled: r.Disabled === 'true' } : {}),
  };
  // Each policy is deleted with the account that created it.
  return { line: r.line > 0 ? r.line : index + 2, region: r.Region, request, ...(r.RoleArn ? { roleArn: r.RoleArn } : {}) };
}
