import type { RowToCheck } from '../core/apply-resume.js';
import { policyKey, type PolicyRow } from '../core/policy-row.js';
import { identityOf, resultOf, type RowResult } from '../core/result.js';
import type { LanedApi } from '../core/tcr-api.js';
import { signingLaneOf, signingNow } from './confirm-signing.js';
import { t } from '../i18n/messages.js';

export interface CheckedRows {
  /** Rows the check settled: `created` (signing now, not before) or `failed OutcomeUnknown` (cannot tell). */
  readonly settled: readonly RowResult[];
  /** Rows not signing now: the earlier attempt made nothing, so they are sent again. */
  readonly toSend: readonly PolicyRow[];
  /** Keys seen not signing by the check: this run's baseline for them. */
  readonly notSigning: ReadonlySet<string>;
}

/** Checks at a time in each lane; each read goes through its lane (paced and retried there). */
const PARALLEL = 4;

/**
 * Settles the rows an earlier run left unknown, by reading whether each namespace signs now and
 * comparing with the earlier run's baseline: signing now and not before → created by that run;
 * not signing → sent again; signing with no baseline, or a failed read → still unknown, not guessed.
 */
export async function checkUnknownRows(api: LanedApi, rows: readonly RowToCheck[], signal: AbortSignal, now: () => number = Date.now): Promise<CheckedRows> {
  const settled: RowResult[] = [];
  const toSend: PolicyRow[] = [];
  const notSigning = new Set<string>();
  const settle = async (item: RowToCheck): Promise<void> => {
    const { row } = item;
    const check = await signingNow(api, row, signal);
    const at = { attempts: item.attempts, startedAt: item.startedAt, finishedAt: new Date(now()).toISOString() };
    if (check.ok && !check.signs) {
      toSend.push(row);
      notSigning.add(policyKey(row.request));
    } else if (check.ok && item.notSigningBefore) {
      const ErrorMessage = t('note.confirmedEarlierRun', { id: check.requestId });
      settled.push(resultOf(identityOf(row), 'created', { ...at, ErrorMessage }));
    } else {
      const ErrorMessage = check.ok
        ? t('note.noBaselineEarlierRun', { id: check.requestId })
        : t('note.checkFailedEarlierRun', { code: check.code });
      settled.push(resultOf(identityOf(row), 'failed', { ...at, ErrorCode: 'OutcomeUnknown', ErrorMessage }));
    }
  };
  // A pool of checks per lane: a slow or throttled endpoint holds back only its own rows' checks.
  const byLane = new Map<string, RowToCheck[]>();
  for (const item of rows) {
    const lane = signingLaneOf(api, item.row);
    const items = byLane.get(lane);
    if (items) items.push(item);
    else byLane.set(lane, [item]);
  }
  await Promise.all([...byLane.values()].map((items) => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < items.length) await settle(items[next++] as RowToCheck);
    };
    return Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  }));
  // Rows are sent in input order, as the earlier run would have.
  toSend.sort((a, b) => a.line - b.line);
  return { settled, toSend, notSigning };
}
