import { setTimeout as delay } from 'node:timers/promises';
import type { FailedOutcome } from '../../core/api-outcome.js';
import { backoffDelay, RETRY_BACKOFF, THROTTLE_BACKOFF } from '../../core/backoff.js';
import { startEventOf, type BatchEvent } from '../../core/batch-events.js';
import { classifyFailure, isRetryable, neverDelivered } from '../../core/classify-error.js';
import type { PolicyRow } from '../../core/policy-row.js';
import { countStatuses, type RowResult } from '../../core/result.js';
import { actionSpec } from '../../core/api-actions.js';
import { accountApi, type LanedApi } from '../../core/tcr-api.js';
import type { ItemResult, Outcome } from '../../core/work-item.js';
import { NOT_STARTED_CODE, REDIS_LOST_CODE } from '../traffic/paced-api.js';
import { drainSource, isGrowing, type ItemChunk, type ItemSource } from './item-source.js';
import { admitAsTheyCome, admitByLane } from './lane-admission.js';
import type { RowOperation } from './operation.js';
import { createProgressMeter } from './progress-meter.js';
import type { RunControl } from './run-control.js';
import { stillUnknown } from '../../core/unknown-outcome.js';
import { t } from '../../i18n/messages.js';

export interface RunBatchOptions<I = PolicyRow, R extends ItemResult = RowResult> {
  /** The API, paced (services/traffic): every attempt waits for its turn in its lane. */
  readonly api: LanedApi;
  readonly control: RunControl;
  readonly emit: (event: BatchEvent) => void;
  readonly endpoint: string;
  /** Requests per second the writes' lanes allow (shown; the lanes enforce it). */
  readonly rate: number;
  readonly maxAttempts: number;
  /** Items already settled (invalid, resumed, planned skips): reported first, never sent. */
  readonly settled?: readonly R[];
  /** Keys whose earlier run ended with no answer (from --resume). */
  readonly unknownBefore?: ReadonlySet<string>;
  /**
   * What the batch's record says an earlier run of it already did to an item, given the "already done"
   * answer this run got: that run's result and a note. A re-run without a plan (--no-preflight) sends
   * the item again, and the answer that the change is in place keeps the earlier result, not a failure.
   */
  readonly doneEarlier?: (key: string, answer: { readonly code: string }) => EarlierOutcome | undefined;
  /** Whether an item's change was in place before this run (from the plan), to tell our change from an older one. */
  readonly signingBefore?: (item: I) => boolean | undefined;
  readonly journal?: string;
  /** Awaited right before each attempt goes out, once it has its turn (the journal records the intent here). */
  readonly beforeAttempt?: (item: I, attempt: number) => Promise<void>;
  /** What each item sends and what the items are: CREATE_POLICY, DELETE_POLICY for rollback, … */
  readonly operation: RowOperation<I, R>;
  readonly now?: () => number;
  /** When the run began, before its plan (on the `now` clock): the `end` event's elapsed time counts the check. */
  readonly startedAt?: number;
  readonly random?: () => number;
  /** Waits between attempts; ends at once when the signal fires. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Calls `tick` every `ms` until the returned function is called (progress events); setInterval by default. */
  readonly every?: (ms: number, tick: () => void) => () => void;
  /** Where a source still growing sends (its `start` event cannot learn it from items not listed yet). */
  readonly where?: { readonly regions: readonly string[]; readonly registries: readonly string[] };
}

/** An earlier run's outcome of an item, as the batch's record holds it, and what to note about it. */
export interface EarlierOutcome {
  readonly outcome: Pick<Outcome, 'RequestId' | 'attempts' | 'startedAt' | 'finishedAt'>;
  readonly note: string;
}

export interface BatchOutcome<R extends ItemResult = RowResult> {
  readonly results: R[];
  readonly interrupted: boolean;
  /** What a growing source threw: the run stopped there (`listing-failed`), every item it had found has its result. */
  readonly sourceError?: unknown;
}

/** An item's final result, with what the journal keeps besides. */
interface Finished<R extends ItemResult> {
  readonly result: R;
  readonly note?: string;
  readonly requestIds: readonly string[];
}

const sleepFor = (ms: number, signal: AbortSignal): Promise<void> => delay(ms, undefined, { signal }).catch(() => undefined);

const everyInterval = (ms: number, tick: () => void): (() => void) => {
  const timer = setInterval(tick, ms);
  return () => clearInterval(timer);
};

/**
 * Sends one request per item (the `operation`'s action) through the paced API, retried with backoff, stopped on an auth failure or on request, every item ending with
 * exactly one result. It knows items only through the operation's kind: key, label, identity columns, region. The items are an array, or a
 * source still growing (a listing): each is admitted to its lane as it arrives, so the first is sent before the source has ended.
 */
export async function runBatch<I = PolicyRow, R extends ItemResult = RowResult>(source: ItemSource<I, R>, o: RunBatchOptions<I, R>): Promise<BatchOutcome<R>> {
  const now = o.now ?? Date.now;
  const random = o.random ?? Math.random;
  const sleep = o.sleep ?? sleepFor;
  const { control, emit } = o;
  const settled = o.settled ?? [];
  const op = o.operation;
  const kind = op.item;
  const { service } = actionSpec(op.action);
  const results: R[] = [...settled];
  const growing = isGrowing(source);
  // A growing source's items are kept here as they arrive; an array is used as it is.
  const arrived: I[] = [];
  const rows: readonly I[] = growing ? arrived : source;
  let inFlight = 0;
  const meter = createProgressMeter({ toSend: rows.length, settled: settled.length, now, inFlight: () => inFlight, paused: () => control.paused, counting: growing });
  // The run began with its checks (the plan): the elapsed time a face shows counts them.
  const startedAt = o.startedAt ?? now();
  // With several accounts an AuthFailure stops only its own account (its paced API refuses the rest);
  // with one, it stops the run, and says so.
  const roleOf = (row: I): string | undefined => (kind.identity(row) as { RoleArn?: string }).RoleArn || undefined;
  // (From a growing source: the accounts of the items arrived so far.)
  const roles = new Set(rows.map(roleOf));
  const oneAccount = (): boolean => roles.size <= 1;

  const start = startEventOf(rows, (row) => kind.identity(row), settled.length, { endpoint: o.endpoint, rate: o.rate, dryRun: false, journal: o.journal, operation: op });
  emit(growing ? { ...start, ...o.where, counting: true } : start);
  for (const result of settled) emit({ type: 'row-done', result, label: kind.label(result) });
  const stopTicking = (o.every ?? everyInterval)(250, () => emit(meter.progress(countStatuses(results))));
  control.onChange((change) => {
    const reason = change === 'abort' ? 'abort' : (control.stopReason ?? 'interrupt');
    emit({ type: 'stopping', reason });
  });

  // A row is handed to the API only while its own lane has room, so every lane keeps its pace whatever
  // the file's order, a pause or a stop holds everything not yet started, and memory stays flat.
  const laneOfRow = (row: I): string => accountApi(o.api, roleOf(row)).laneOf(service, op.action, kind.identity(row).Region);
  const lanes = growing ? admitAsTheyCome() : admitByLane(rows.length, (i) => laneOfRow(rows[i] as I));

  const finish = ({ result, note, requestIds }: Finished<R>): void => {
    results.push(result);
    meter.rowDone();
    emit({ type: 'row-done', result, label: kind.label(result), note, ...(requestIds.length > 1 ? { requestIds } : {}) });
  };

  async function sendRow(row: I, lane: string): Promise<Finished<R>> {
    const id = kind.identity(row);
    const key = kind.key(id);
    const requestIds: string[] = [];
    const started = new Date(now()).toISOString();
    let unknownBefore = o.unknownBefore?.has(key) ?? false;
    let last: FailedOutcome | undefined;
    let sent = 0;
    let delivered = false;
    const end = (status: R['status'], extra: { RequestId?: string; ErrorCode?: string; ErrorMessage?: string } = {}, note?: string): Finished<R> => ({
      result: kind.result(id, status, { ...extra, attempts: sent, startedAt: started, finishedAt: new Date(now()).toISOString() }),
      note,
      requestIds,
    });
    // After an attempt with no answer, a failure is recorded as unknown unless a check settled it.
    const failed = (f: FailedOutcome, note?: string, checked = false): Finished<R> => {
      const g = unknownBefore && !checked ? stillUnknown(f) : f;
      return end('failed', { RequestId: g.requestId, ErrorCode: g.code, ErrorMessage: g.message }, note);
    };
    /** Stopped before this attempt left: never sent at all, or failed with the last error. */
    const stoppedHere = (): Finished<R> =>
      last && delivered ? failed(last, t('note.stoppedBeforeRetry')) : { result: kind.result(id, 'not-sent', last ? { ErrorCode: last.code, ErrorMessage: last.message } : {}), requestIds };
    let attempt = 0;
    for (;;) {
      // No "already done" answer to tell by: read before sending again after an attempt with no answer.
      if (unknownBefore && op.readBeforeResend) {
        const check = await op.confirm(o.api, row, control.signal, o.signingBefore);
        if (check.done) return end(op.doneStatus, {}, check.note);
        if (control.stopping) return stoppedHere();
      }
      attempt += 1;
      let paused = false;
      lanes.waiting(lane);
      let turn = true;
      const outcome = await accountApi(o.api, roleOf(row)).call(service, op.action, id.Region, op.body(row), control.signal, {
        stop: control.stopSignal,
        beforeSend: async () => {
          lanes.turnTaken(lane);
          turn = false;
          if (control.stopping) return false;
          if (control.paused) return !(paused = true);
          await o.beforeAttempt?.(row, attempt);
          if (control.stopping) return false;
          emit({ type: 'row-start', line: id.line, key, attempt });
          inFlight += 1;
          return true;
        },
      });
      if (turn) {
        lanes.turnTaken(lane);
        // The journal's intent and the row-start event hang on beforeSend: an API that skips it is a bug.
        if (outcome.ok || !outcome.notSent) throw new Error('runBatch needs a paced API that calls beforeSend (services/traffic/paced-api.ts)');
      }
      if (paused) {
        await control.whenRunnable();
        attempt -= 1;
        continue;
      }
      if (!outcome.ok && outcome.notSent) {
        // Traffic stopped for everyone (refused credentials, an endpoint refusing connections): say why.
        if (oneAccount() && outcome.code.startsWith('AuthFailure')) control.stop('auth-failure');
        else if (neverDelivered(outcome.code)) control.stop('unreachable');
        else if (outcome.code === REDIS_LOST_CODE) control.stop('redis-lost');
        if (outcome.code !== NOT_STARTED_CODE) last ??= outcome;
        return stoppedHere();
      }
      inFlight -= 1;
      sent += 1;
      meter.requestStarted();
      if (outcome.requestId) requestIds.push(outcome.requestId);
      if (outcome.ok) return end(op.doneStatus, { RequestId: outcome.requestId });
      last = outcome;
      const kind = classifyFailure(outcome);
      if (kind !== 'refused') delivered = true;
      const earlier = op.alreadyDone(outcome.code) ? o.doneEarlier?.(key, outcome) : undefined;
      if (earlier) return { result: op.item.result(id, op.doneStatus, { ...earlier.outcome, ErrorMessage: earlier.note }), note: earlier.note, requestIds };
      if (op.alreadyDone(outcome.code) && unknownBefore) {
        const check = await op.confirm(o.api, row, control.signal, o.signingBefore);
        return check.done ? end(op.doneStatus, { RequestId: outcome.requestId }, check.note) : failed(outcome, check.note, true);
      }
      if (op.alreadyDone(outcome.code) && op.alreadyDoneFirst === 'skipped') {
        return end('skipped', { RequestId: outcome.requestId, ErrorMessage: t('note.nothingToDo', { code: outcome.code, message: outcome.message }) });
      }
      if (kind === 'stop-run') {
        if (oneAccount()) control.stop('auth-failure');
        return failed(outcome);
      }
      if (!isRetryable(kind) || attempt >= o.maxAttempts || control.stopping) {
        if (!delivered && control.stopping) return stoppedHere();
        return failed(outcome, kind === 'unknown' ? t('note.lastUnknown') : undefined);
      }
      if (kind === 'unknown') unknownBefore = true;
      const delayMs = backoffDelay(attempt, kind === 'throttled' ? THROTTLE_BACKOFF : RETRY_BACKOFF, random);
      emit({ type: 'row-retry', line: id.line, key, attempt, errorCode: outcome.code, delayMs });
      await sleep(delayMs, control.stopSignal);
      if (control.stopping) return stoppedHere();
    }
  }

  let settledCount = settled.length;
  /** Takes one chunk of a growing source: its items to their lanes, its settled items reported at once. */
  const take = (chunk: ItemChunk<I, R>): void => {
    const more = chunk.settled ?? [];
    settledCount += more.length;
    // The total grows first, so that no face counts a settled item past it.
    meter.grow(chunk.toSend.length + more.length);
    emit(meter.progress(countStatuses(results)));
    for (const result of more) {
      results.push(result);
      meter.rowDone();
      emit({ type: 'row-done', result, label: kind.label(result) });
    }
    for (const row of chunk.toSend) {
      arrived.push(row);
      roles.add(roleOf(row));
      lanes.add(laneOfRow(row));
    }
  };
  // After a stop the source is still read to its end, so every item it finds has a result (not-sent); an abort cuts it.
  let sourceError: unknown;
  const listing = growing
    ? drainSource(source, take, control.signal).then(({ error }) => {
      lanes.end();
      meter.counted();
      if (error !== undefined) {
        sourceError = error;
        control.stop('listing-failed');
      } else emit({ type: 'listed', total: arrived.length, settled: settledCount });
    })
    : Promise.resolve();
  const stopped = new Promise<void>((resolve) => control.stopSignal.addEventListener('abort', () => resolve(), { once: true }));

  const active = new Set<Promise<void>>();
  while (!lanes.done) {
    await control.whenRunnable();
    if (control.stopping) break;
    const next = lanes.next();
    if (!next) {
      // Nothing has room, or nothing has arrived yet: wait for a turn, an arrival, or a stop.
      await Promise.race([lanes.turnChange(), stopped]);
      continue;
    }
    const row = rows[next.index] as I;
    // sendRow counts the row as waiting in its lane before it returns its promise, before the next `next()`.
    const p: Promise<void> = sendRow(row, next.lane).then(finish, (error: unknown) => finish({ result: errorResult(kind.result(kind.identity(row), 'failed'), error, now), requestIds: [] }));
    active.add(p);
    void p.finally(() => active.delete(p));
  }
  await Promise.all(active);
  await listing;
  for (const i of lanes.notHandedOver()) finish({ result: kind.result(kind.identity(rows[i] as I), 'not-sent'), requestIds: [] });
  stopTicking();
  emit(meter.progress(countStatuses(results)));
  const interrupted = control.stopping && control.stopReason === 'interrupt';
  emit({ type: 'end', counts: countStatuses(results), elapsedMs: now() - startedAt, interrupted });
  return { results, interrupted, ...(sourceError === undefined ? {} : { sourceError }) };
}

/** A bug while sending one item must not lose the item: it is recorded as failed with the error. */
function errorResult<R extends ItemResult>(failed: R, error: unknown, now: () => number): R {
  const at = new Date(now()).toISOString();
  return { ...failed, ErrorCode: 'InternalToolError', ErrorMessage: String((error as Error)?.message ?? error), startedAt: at, finishedAt: at };
}
