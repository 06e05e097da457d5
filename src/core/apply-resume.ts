import { NO_ANSWER_CODES } from './classify-error.js';
import { policyKey, type PolicyRow } from './policy-row.js';
import { identityOf, resultOf, type RowResult, type RowStatus } from './result.js';

/** What an earlier run recorded for a namespace. */
export interface PriorResult {
  readonly RegistryId: string;
  readonly NamespaceName: string;
  readonly status: RowStatus;
  readonly RequestId: string;
  readonly ErrorCode: string;
}

export interface ResumePlan {
  readonly toSend: readonly PolicyRow[];
  /** Rows done in the earlier run, as `skipped` results. */
  readonly skipped: readonly RowResult[];
  /** Keys whose earlier attempt ended with no answer: the policy may exist, so "already exists" is checked. */
  readonly unknownBefore: ReadonlySet<string>;
}

/** Rows created or skipped in an earlier run are not sent again. */
export function applyResume(rows: readonly PolicyRow[], prior: readonly PriorResult[]): ResumePlan {
  const done = new Map<string, PriorResult>();
  const unknownBefore = new Set<string>();
  for (const p of prior) {
    const key = policyKey(p);
    if (p.status === 'created' || p.status === 'skipped') done.set(key, p);
    else if (p.status === 'failed' && (NO_ANSWER_CODES.has(p.ErrorCode) || p.ErrorCode === 'Aborted')) unknownBefore.add(key);
  }
  const toSend: PolicyRow[] = [];
  const skipped: RowResult[] = [];
  for (const row of rows) {
    const earlier = done.get(policyKey(row.request));
    if (!earlier) toSend.push(row);
    else skipped.push(resultOf(identityOf(row), 'skipped', { RequestId: earlier.RequestId, ErrorMessage: `already ${earlier.status} in an earlier run` }));
  }
  return { toSend, skipped, unknownBefore };
}
