import { labelOf, type BatchEvent, type StopReason } from '../core/batch-events.js';
import { emptyCounts, type StatusCounts } from '../core/result.js';
import type { ItemResult } from '../core/work-item.js';

/** What the run said about itself in its `start` event. */
export type RunInfo = Omit<Extract<BatchEvent, { type: 'start' }>, 'type'>;

/** A row with a request out, or waiting to retry one. */
export interface InFlightRow {
  readonly line: number;
  readonly key: string; // RegistryId/NamespaceName
  readonly attempt: number;
  /** Set while the row waits to retry: the error that made it wait and for how long. */
  readonly waiting?: { readonly errorCode: string; readonly delayMs: number };
  /** The error that caused the current attempt, for attempts after the first. */
  readonly retryAfter?: string;
}

/** A row with its final result, shown once above the live area. */
export interface FinishedItem {
  /** Position in the finished list: a stable React key even if a line were reported twice. */
  readonly seq: number;
  readonly result: ItemResult;
  /** The item's name in the run (`registry/namespace`, `registry/namespace/repository:tag`). */
  readonly label: string;
  readonly note?: string;
}

export interface ProgressView {
  readonly done: number;
  readonly total: number;
  readonly rate: number;
  readonly elapsedMs: number;
  readonly etaMs: number | undefined;
  readonly counts: StatusCounts;
  readonly paused: boolean;
  /** The items are still arriving (a listing still going on): `total` is what is known so far. */
  readonly counting: boolean;
}

/** The preflight's verdict counts, when it ran. */
export type PlanCounts = Extract<BatchEvent, { type: 'plan' }>['counts'];

export interface DashboardState {
  readonly plan: PlanCounts | undefined;
  /** Why the preflight could not finish, when it could not (then nothing is sent). */
  readonly planFailure: Extract<BatchEvent, { type: 'plan' }>['failure'];
  readonly run: RunInfo | undefined;
  readonly progress: ProgressView;
  /** Only rows in flight: this is what the live area redraws. */
  readonly inFlight: readonly InFlightRow[];
  /** Every finished row, in finishing order; rendered through `<Static>`, so each is drawn once. */
  readonly finished: readonly FinishedItem[];
  /** The finished rows that need the user: `failed`, and `invalid` (blocked by the plan), for the summary at the end. */
  readonly failures: readonly ItemResult[];
  /** Rows the run never sent: summed up in a line or two at the end rather than listed one by one. */
  readonly notSent: readonly ItemResult[];
  readonly stopping: { readonly reason: StopReason } | undefined;
  readonly end: { readonly elapsedMs: number; readonly interrupted: boolean } | undefined;
}

export function initialDashboardState(): DashboardState {
  return {
    plan: undefined,
    planFailure: undefined,
    run: undefined,
    progress: { done: 0, total: 0, rate: 0, elapsedMs: 0, etaMs: undefined, counts: emptyCounts(), paused: false, counting: false },
    inFlight: [],
    finished: [],
    failures: [],
    notSent: [],
    stopping: undefined,
    end: undefined,
  };
}

/** Folds one event into the view state. Pure: the given state is never changed. */
export const reduceDashboard = (state: DashboardState, event: BatchEvent): DashboardState => reduceDashboardEvents(state, [event]);

/**
 * Folds a batch of events at once. Finished rows are collected and appended in one go, so a batch of
 * n events over a run of N finished rows costs O(n + N), not O(n × N).
 */
export function reduceDashboardEvents(state: DashboardState, events: readonly BatchEvent[]): DashboardState {
  if (events.length === 0) return state;
  const finished: FinishedItem[] = [];
  const failures: ItemResult[] = [];
  const notSent: ItemResult[] = [];
  let next = state;
  for (const event of events) {
    next = applyEvent(next, event, state.finished.length + finished.length, { finished, failures, notSent });
  }
  if (finished.length === 0 && notSent.length === 0) return next;
  return {
    ...next,
    notSent: notSent.length === 0 ? state.notSent : state.notSent.concat(notSent),
    finished: finished.length === 0 ? state.finished : state.finished.concat(finished),
    failures: failures.length === 0 ? state.failures : state.failures.concat(failures),
  };
}

interface Collected {
  readonly finished: FinishedItem[];
  readonly failures: ItemResult[];
  readonly notSent: ItemResult[];
}

/** Applies one event; finished rows are pushed onto the collected lists for the caller to append. */
function applyEvent(state: DashboardState, event: BatchEvent, seq: number, { finished, failures, notSent }: Collected): DashboardState {
  switch (event.type) {
    case 'plan':
      // Its skipped and blocked rows arrive as row-done; only the counts are kept, for the header.
      return { ...state, plan: event.counts, planFailure: event.failure };
    case 'start': {
      const { type: _type, ...run } = event;
      // The whole batch, as the runner's progress counts it: the settled rows' row-done events follow at once.
      return { ...state, run, progress: { ...state.progress, total: event.total + event.settled, counting: event.counting === true } };
    }
    case 'row-start':
      return { ...state, inFlight: upsert(state.inFlight, event.line, (previous) => ({
        line: event.line,
        key: event.key,
        attempt: event.attempt,
        retryAfter: event.attempt > 1 ? (previous?.waiting?.errorCode ?? previous?.retryAfter) : undefined,
      })) };
    case 'row-retry': {
      const { line, key, attempt, errorCode, delayMs } = event;
      return { ...state, inFlight: upsert(state.inFlight, line, () => ({ line, key, attempt, waiting: { errorCode, delayMs } })) };
    }
    case 'row-done': {
      const { result } = event;
      if (result.status === 'not-sent') notSent.push(result);
      else finished.push(event.note === undefined ? { seq, result, label: labelOf(event) } : { seq, result, label: labelOf(event), note: event.note });
      if (result.status === 'failed' || result.status === 'invalid') failures.push(result);
      const counts = { ...state.progress.counts, [result.status]: state.progress.counts[result.status] + 1 };
      return {
        ...state,
        inFlight: state.inFlight.filter((row) => row.line !== result.line),
        // Optimistic until the runner's next `progress` event, which is authoritative.
        progress: { ...state.progress, counts, ...doneOneMore(state.progress) },
      };
    }
    case 'progress': {
      const { done, total, rate, elapsedMs, etaMs, counts, paused } = event;
      return { ...state, progress: { done, total, rate, elapsedMs, etaMs, counts, paused, counting: event.counting === true } };
    }
    case 'listed':
      return { ...state, progress: { ...state.progress, total: event.total + event.settled, counting: false } };
    case 'coverage':
      // Comes after the dashboard has closed; the plain line shows it.
      return state;
    case 'stopping':
      return { ...state, stopping: { reason: event.reason } };
    case 'end':
      return {
        ...state,
        inFlight: [],
        end: { elapsedMs: event.elapsedMs, interrupted: event.interrupted },
        progress: {
          ...state.progress,
          counts: event.counts,
          elapsedMs: event.elapsedMs,
          etaMs: undefined,
          paused: false,
          counting: false,
          done: event.interrupted ? state.progress.done : state.progress.total,
        },
      };
  }
}

/** One more finished: within the total, which grows with it while the items are still being counted. */
function doneOneMore({ done, total, counting }: ProgressView): Pick<ProgressView, 'done' | 'total'> {
  return counting ? { done: done + 1, total: Math.max(total, done + 1) } : { done: Math.min(done + 1, total), total };
}

function upsert(rows: readonly InFlightRow[], line: number, make: (previous?: InFlightRow) => InFlightRow): readonly InFlightRow[] {
  const index = rows.findIndex((row) => row.line === line);
  if (index === -1) return [...rows, make()];
  return rows.map((row, i) => (i === index ? make(row) : row));
}
