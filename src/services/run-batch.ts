import type { FailedOutcome } from '../core/api-outcome.js';
import { backoffDelay, RETRY_BACKOFF, THROTTLE_BACKOFF } from '../core/backoff.js';
import { startEventOf, type BatchEvent } from '../core/batch-events.js';
import { classifyFailure, isRetryable } from '../core/classify-error.js';
import { policyKey, type PolicyRow } from '../core/policy-row.js';
import { countStatuses, identityOf, resultOf, type RowResult } from '../core/result.js';
import type { TcrApi } from '../core/tcr-api.js';
import { createPacer } from './pacer.js';
import { CREATE_POLICY, type RowOperation } from './policy-operations.js';
import { createProgressMeter } from './progress-meter.js';
import type { RunControl } from './run-control.js';
import { stillUnknown } from '../core/unknown-outcome.js';

export interface RunBatchOptions {
  readonly api: TcrApi;
  readonly control: RunControl;
  readonly emit: (event: BatchEvent) => void;
  readonly endpoint: string;
  /** Requests per second, never exceeded in any one-second window. */
  readonly rate: number;
  /** Fixed in-flight cap; by default it follows the observed latency. */
  readonly concurrency?: number;
  readonly maxAttempts: number;
  /** Rows already settled (invalid, resumed, planned skips): reported first, never sent. */
  readonly settled?: readonly RowResult[];
  /** Keys whose earlier run ended with no answer (from --resume). */
  readonly unknownBefore?: ReadonlySet<string>;
  /** Which namespaces signed before this run (from the preflight), to tell our creation from an old policy. */
  readonly signingBefore?: (row: PolicyRow) => boolean | undefined;
  readonly journal?: string;
  /** Awaited right before each attempt goes out, once it has its turn (the journal records the intent here). */
  readonly beforeAttempt?: (row: PolicyRow, attempt: number) => Promise<void>;
  /** What each row sends; CreateSignaturePolicy by default (rollback: DeleteSignaturePolicy). */
  readonly operation?: RowOperation;
  readonly now?: () => number;
  readonly random?: () => number;
}

export interface BatchOutcome {
  readonly results: RowResult[];
  readonly interrupted: boolean;
}

/** A row's final result, with what the journal keeps besides. */
interface Finished {
  readonly result: RowResult;
  readonly note?: string;
  readonly requestIds: readonly string[];
}

/**
 * Sends one request per row (CreateSignaturePolicy unless `operation` says otherwise) through a bottleneck queue: paced at `rate`, retried with
 * backoff, stopped on an auth failure or on request, every row ending with exactly one result.
 */
export async function runBatch(rows: readonly PolicyRow[], o: RunBatchOptions): Promise<BatchOutcome> {
  const now = o.now ?? Date.now;
  const random = o.random ?? Math.random;
  const { control, emit } = o;
  const settled = o.settled ?? [];
  const op = o.operation ?? CREATE_POLICY;
  const results: RowResult[] = [...settled];
  const pacer = createPacer(o);
  const meter = createProgressMeter(rows.length, now, () => pacer.inFlight, () => control.paused);
  const startedAt = now();

  emit(startEventOf(rows, settled.length, { endpoint: o.endpoint, rate: o.rate, dryRun: false, journal: o.journal, action: o.operation ? op.action : undefined }));
  for (const result of settled) emit({ type: 'row-done', result });
  const ticker = setInterval(() => emit(meter.progress(countStatuses(results))), 250);
  control.onChange((change) => {
    const message = change === 'abort'
      ? 'Aborting: requests in flight are cut off; their outcome is recorded as unknown.'
      : control.stopReason === 'auth-failure'
        ? 'Stopping: the credentials were refused; the remaining rows are not sent.'
        : 'Stopping: no new requests; waiting for those in flight (press Ctrl-C again to abort).';
    emit({ type: 'stopping', reason: change === 'abort' ? 'abort' : (control.stopReason ?? 'interrupt'), message });
  });

  const finish = ({ result, note, requestIds }: Finished): void => {
    results.push(result);
    meter.rowDone();
    emit({ type: 'row-done', result, note, ...(requestIds.length > 1 ? { requestIds } : {}) });
  };

  async function sendRow(row: PolicyRow): Promise<Finished> {
    const key = policyKey(row.request);
    const requestIds: string[] = [];
    const started = new Date(now()).toISOString();
    let unknownBefore = o.unknownBefore?.has(key) ?? false;
    let last: FailedOutcome | undefined;
    let sent = 0;
    const end = (status: RowResult['status'], extra: { RequestId?: string; ErrorCode?: string; ErrorMessage?: string } = {}, note?: string): Finished => ({
      result: resultOf(identityOf(row), status, { ...extra, attempts: sent, startedAt: started, finishedAt: new Date(now()).toISOString() }),
      note,
      requestIds,
    });
    // After an attempt with no answer, a failure is recorded as unknown unless a check settled it.
    const failed = (f: FailedOutcome, note?: string, checked = false): Finished => {
      const g = unknownBefore && !checked ? stillUnknown(f) : f;
      return end('failed', { RequestId: g.requestId, ErrorCode: g.code, ErrorMessage: g.message }, note);
    };
    let attempt = 0;
    for (;;) {
      attempt += 1;
      const outcome = await pacer.send(row, attempt);
      if (outcome === 'paused') {
        await control.whenRunnable();
        attempt -= 1;
        continue;
      }
      if (outcome === 'not-started') {
        if (attempt === 1) return { result: resultOf(identityOf(row), 'not-sent'), requestIds };
        return failed(last as FailedOutcome, 'stopped before retrying');
      }
      sent += 1;
      meter.requestStarted();
      if (outcome.requestId) requestIds.push(outcome.requestId);
      if (outcome.ok) return end(op.doneStatus, { RequestId: outcome.requestId });
      last = outcome;
      if (op.alreadyDone(outcome.code) && unknownBefore) {
        const check = await op.confirm(o.api, row, control.signal, o.signingBefore);
        return check.done ? end(op.doneStatus, { RequestId: outcome.requestId }, check.note) : failed(outcome, check.note, true);
      }
      if (op.alreadyDone(outcome.code) && op.alreadyDoneFirst === 'skipped') {
        return end('skipped', { RequestId: outcome.requestId, ErrorMessage: `nothing to do: ${outcome.code}: ${outcome.message}` });
      }
      const kind = classifyFailure(outcome);
      if (kind === 'stop-run') {
        control.stop('auth-failure');
        return failed(outcome);
      }
      if (!isRetryable(kind) || attempt >= o.maxAttempts || control.stopping) {
        return failed(outcome, kind === 'unknown' ? 'the outcome of the last attempt is unknown: check before sending again' : undefined);
      }
      if (kind === 'unknown') unknownBefore = true;
      else pacer.slowDown();
      const delayMs = backoffDelay(attempt, kind === 'throttled' ? THROTTLE_BACKOFF : RETRY_BACKOFF, random);
      emit({ type: 'row-retry', line: row.line, key, attempt, errorCode: outcome.code, delayMs });
      await sleep(delayMs, control.signal);
      if (control.stopping) return failed(outcome, 'stopped before retrying');
    }
  }

  // Hand rows to the limiter one at a time, only when the last one has had its turn: a pause or a
  // stop then holds everything not yet started, and memory stays flat.
  const active = new Set<Promise<void>>();
  let next = 0;
  while (next < rows.length) {
    await control.whenRunnable();
    if (control.stopping) break;
    if (!pacer.ready) {
      await pacer.changed();
      continue;
    }
    const row = rows[next++] as PolicyRow;
    const p: Promise<void> = sendRow(row).then(finish, (error: unknown) => finish({ ...errorResult(row, error, now), requestIds: [] }));
    active.add(p);
    void p.finally(() => active.delete(p));
  }
  await Promise.all(active);
  for (const row of rows.slice(next)) finish({ result: resultOf(identityOf(row), 'not-sent'), requestIds: [] });
  clearInterval(ticker);
  pacer.close();
  emit(meter.progress(countStatuses(results)));
  const interrupted = control.stopping && control.stopReason === 'interrupt';
  emit({ type: 'end', counts: countStatuses(results), elapsedMs: now() - startedAt, interrupted });
  return { results, interrupted };
}

/** A bug while sending one row must not lose the row: it is recorded as failed with the error. */
function errorResult(row: PolicyRow, error: unknown, now: () => number): { result: RowResult } {
  const at = new Date(now()).toISOString();
  return { result: resultOf(identityOf(row), 'failed', { ErrorCode: 'InternalToolError', ErrorMessage: String((error as Error)?.message ?? error), startedAt: at, finishedAt: at }) };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

