import { UsageError } from '../core/errors.js';
import { policyKey, type PolicyRow } from '../core/policy-row.js';
import { readResultRecords } from './read-prior-results.js';

/** What a results file says a run did: the policies it created, and how many rows it left alone. */
export interface CreatedPolicies {
  /** One row per namespace recorded as `created`, in the file's line order, with the policy as it was sent. */
  readonly rows: readonly PolicyRow[];
  /** Rows of any other status (failed, skipped, invalid, …): never touched by a rollback. */
  readonly others: number;
}

type Cells = Readonly<Record<string, unknown>>;
const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/**
 * Reads a results export or journal and keeps exactly the rows its run created. A namespace listed
 * twice (a journal appended by two runs) counts once; one deleted since (same journal) not at all. Rows without the columns a delete needs are an
 * input error naming the line, since guessing a registry or region is not safe.
 */
export async function readCreatedPolicies(path: string): Promise<CreatedPolicies> {
  const records = (await readResultRecords(path, 'results file')) as Cells[];
  const rows = new Map<string, PolicyRow>();
  let others = 0;
  for (const [index, r] of records.entries()) {
    // A journal that a rollback appended to says `deleted` after `created`: that policy is gone already.
    if (r.status === 'deleted') rows.delete(policyKey({ RegistryId: text(r.RegistryId), NamespaceName: text(r.NamespaceName) }));
    if (r.status !== 'created') {
      others += 1;
      continue;
    }
    const line = Number(r.line);
    const cells = { Region: text(r.Region), RegistryId: text(r.RegistryId), NamespaceName: text(r.NamespaceName) };
    const missing = Object.entries(cells).filter(([, v]) => v === '').map(([k]) => k);
    if (missing.length > 0) {
      throw new UsageError(`results file ${path}, record ${index + 1}: a created row without ${missing.join(', ')}`, 'pass the results or journal file exactly as tcr-sigpolicy wrote it');
    }
    const request = {
      RegistryId: cells.RegistryId,
      Name: text(r.Name),
      NamespaceName: cells.NamespaceName,
      KmsId: text(r.KmsId),
      KmsRegion: text(r.KmsRegion),
      ...(text(r.Domain) ? { Domain: text(r.Domain) } : {}),
      ...(text(r.Disabled) ? { Disabled: text(r.Disabled) === 'true' } : {}),
    };
    const row: PolicyRow = { line: Number.isInteger(line) && line > 0 ? line : index + 2, region: cells.Region, request };
    if (!rows.has(policyKey(request))) rows.set(policyKey(request), row);
  }
  return { rows: [...rows.values()].sort((a, b) => a.line - b.line), others };
}
