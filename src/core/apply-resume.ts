import { statesOf } from './batch-record.js';
import type { PriorRecord } from './journal-lines.js';
import { policyKey, type PolicyRow } from './policy-row.js';
import { identityOf, resultOf, type RowResult } from './result.js';
import { outcomeUnknown } from './unknown-outcome.js';
import { t } from '../i18n/messages.js';

/** A row an earlier run may have changed without hearing back: checked before it is sent again. */
export interface RowToCheck {
  readonly row: PolicyRow;
  /** The earlier run's baseline: its plan saw the namespace not signing before the batch. */
  readonly notSigningBefore: boolean;
  readonly attempts: number;
  readonly startedAt: string;
}

export interface ResumePlan {
  readonly toSend: readonly PolicyRow[];
  readonly toCheck: readonly RowToCheck[];
  /** Rows an earlier run settled: `created` with its RequestId and times, or `skipped`. */
  readonly carried: readonly RowResult[];
  /** Why the file does not look like it belongs to this input (refused unless --force). */
  readonly mismatch?: string;
}

/**
 * What is left of a batch after earlier runs, from the last record of each row: created or skipped
 * rows are carried over as they were; rows whose last record is an intent, or an unknown failure,
 * are checked; every other row is sent. `baseline`: keys the earlier run saw not signing, when the
 * records themselves do not say (an export, whose run's journal holds its intents).
 */
export function applyResume(rows: readonly PolicyRow[], prior: readonly PriorRecord[], input: string, baseline: ReadonlySet<string> = new Set()): ResumePlan {
  const states = statesOf(prior, baseline);
  const toSend: PolicyRow[] = [];
  const toCheck: RowToCheck[] = [];
  const carried: RowResult[] = [];
  let matched = 0;
  for (const row of rows) {
    const state = states.get(policyKey(row.request));
    if (state) matched += 1;
    const last = state?.last;
    if (!state || !last) toSend.push(row);
    else if (last.kind === 'intent') toCheck.push({ row, notSigningBefore: state.notSigningBefore, attempts: last.attempt, startedAt: state.startedAt });
    else if (outcomeUnknown(last.result)) toCheck.push({ row, notSigningBefore: state.notSigningBefore, attempts: last.result.attempts, startedAt: last.result.startedAt });
    else if (last.result.status === 'created' || last.result.status === 'skipped') {
      const r = last.result;
      carried.push(resultOf(identityOf(row), r.status, { RequestId: r.RequestId, ErrorMessage: r.ErrorMessage, attempts: r.attempts, startedAt: r.startedAt, finishedAt: r.finishedAt }));
    } else toSend.push(row);
  }
  return { toSend, toCheck, carried, mismatch: mismatchOf(prior, input, matched) };
}

function mismatchOf(prior: readonly PriorRecord[], input: string, matched: number): string | undefined {
  const inputs = new Set(prior.flatMap((r) => (r.input ? [r.input] : [])));
  if (inputs.size > 0 && !inputs.has(input)) return t('resume.otherInput');
  if (prior.some((r) => r.kind !== 'run') && matched === 0) return t('resume.noRowsInCommon');
  return undefined;
}
