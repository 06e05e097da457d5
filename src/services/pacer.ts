import Bottleneck from 'bottleneck';
import type { ApiOutcome } from '../core/api-outcome.js';
import type { BatchEvent } from '../core/batch-events.js';
import { policyKey, type PolicyRow } from '../core/policy-row.js';
import type { TcrApi } from '../core/tcr-api.js';
import { CREATE_POLICY, type RowOperation } from './policy-operations.js';
import type { RunControl } from './run-control.js';

/** Why an attempt did not go out: the run is stopping (or aborted), or it is paused. */
export type NotStarted = 'not-started' | 'paused';

export interface Pacer {
  /** Sends one attempt when its turn comes, unless by then the run is stopping or paused. */
  send(row: PolicyRow, attempt: number): Promise<ApiOutcome | NotStarted>;
  /** After RequestLimitExceeded: halve the pace for a second and widen the slack for good. */
  slowDown(): void;
  readonly inFlight: number;
  /** True when another row may be handed over: nothing waits for a turn and a slot is free. */
  readonly ready: boolean;
  /** Resolves when a request starts or ends, i.e. when `ready` may have changed. */
  changed(): Promise<void>;
  close(): void;
}

const SLOW_DOWN_MS = 1000;
/**
 * Starts spaced exactly 1000/rate ms apart put the 1st and the (rate+1)th exactly one second apart,
 * and a few ms of jitter on the way would make the API see rate+1 in one window. Some slack per
 * second absorbs that; each throttled answer shows the path jitters more, and widens it.
 */
const INITIAL_SLACK_MS = 40;
const SLACK_STEP_MS = 25;
const MAX_SLACK_MS = 200;
const FIRST_ANSWER_WAIT_MS = 2000;

/**
 * The bottleneck limiter around the API. Bottleneck spaces *planned* starts; a start delayed by a
 * busy event loop would then bunch up with the next one, so each start also waits until `minTime`
 * after the previous *actual* start. Unless fixed, concurrency follows the observed latency so the
 * pace holds when calls are slow.
 */
export function createPacer(
  o: {
    api: TcrApi; control: RunControl; emit: (e: BatchEvent) => void; rate: number; concurrency?: number; operation?: RowOperation;
    beforeAttempt?: (row: PolicyRow, attempt: number) => Promise<void>;
  },
): Pacer {
  const operation = o.operation ?? CREATE_POLICY;
  let slack = INITIAL_SLACK_MS;
  let minTime = (1000 + slack) / o.rate;
  let spacing = minTime;
  let maxConcurrent = o.concurrency ?? Math.max(4, Math.ceil(o.rate * 0.45) + 2);
  const limiter = new Bottleneck({ minTime, maxConcurrent });
  let inFlight = 0;
  let waiting = 0;
  let latencyMs = 300;
  let lastStart = -Infinity;
  let gate: Promise<void> = Promise.resolve();
  let restore: NodeJS.Timeout | undefined;
  let wake: (() => void)[] = [];
  const notify = (): void => {
    const w = wake;
    wake = [];
    w.forEach((f) => f());
  };

  // A stop drops the jobs still waiting for their turn (at --rate 1 that could be many seconds); the
  // requests in flight finish. Their rows end as not-sent, or failed with their last error.
  o.control.onChange(() => {
    void limiter.stop({ dropWaitingJobs: true }).catch(() => undefined);
    stopped();
    notify();
  });

  const adapt = (observedMs: number): void => {
    latencyMs = latencyMs * 0.8 + observedMs * 0.2;
    if (o.concurrency) return;
    const wanted = Math.min(200, Math.max(4, Math.ceil((o.rate * latencyMs * 1.5) / 1000) + 2));
    if (wanted !== maxConcurrent) {
      maxConcurrent = wanted;
      void limiter.updateSettings({ maxConcurrent });
    }
  };

  // The run's first request also looks up the host and opens the connection, so it reaches the API
  // later than its start says and would bunch up with the second. Nothing else starts until it is
  // answered (or a couple of seconds pass).
  let firstAnswered: Promise<void> | undefined;
  let answerFirst: () => void = () => undefined;

  /** Resolves after `ms`, or at once when the run stops: nobody waits for a turn that will not come. */
  let stopped: () => void = () => undefined;
  const stopping = new Promise<void>((resolve) => (stopped = resolve));
  const pause = (ms: number): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    // Clear the timer either way: a pending one would keep the process alive after the run ends.
    return Promise.race([stopping, elapsed]).finally(() => clearTimeout(timer));
  };

  /** Waits until `spacing` ms after the previous actual start, one start at a time. */
  let warmedUp = false;
  const awaitTurn = (): Promise<void> => {
    gate = gate.then(async () => {
      if (!warmedUp && firstAnswered) await Promise.race([firstAnswered, pause(FIRST_ANSWER_WAIT_MS)]);
      warmedUp = true;
      const wait = lastStart + spacing - performance.now();
      if (wait > 0) await pause(wait);
      lastStart = performance.now();
    });
    return gate;
  };

  return {
    async send(row, attempt) {
      waiting += 1;
      try {
        return await limiter.schedule(async () => {
          waiting -= 1;
          notify();
          if (o.control.aborted || (attempt === 1 && o.control.stopping)) return 'not-started' as const;
          if (o.control.paused && !o.control.stopping) return 'paused' as const;
          const first = firstAnswered === undefined;
          if (first) firstAnswered = new Promise((resolve) => (answerFirst = resolve));
          else await awaitTurn();
          if (first) lastStart = performance.now();
          // A stop while this attempt waited for its turn: it does not start (a retry ends with its last error).
          if (o.control.stopping) return 'not-started' as const;
          await o.beforeAttempt?.(row, attempt);
          o.emit({ type: 'row-start', line: row.line, key: policyKey(row.request), attempt });
          inFlight += 1;
          notify();
          const started = performance.now();
          try {
            return await o.api.call('tcr', operation.action, row.region, operation.body(row), o.control.signal);
          } finally {
            inFlight -= 1;
            adapt(performance.now() - started);
            if (first) {
              // It reached the API somewhere before its answer: count the next start from there.
              lastStart = Math.max(lastStart, performance.now());
              answerFirst();
            }
            notify();
          }
        });
      } catch {
        // Bottleneck rejects the jobs it drops when the run stops.
        return 'not-started';
      }
    },
    slowDown() {
      slack = Math.min(MAX_SLACK_MS, slack + SLACK_STEP_MS);
      minTime = (1000 + slack) / o.rate;
      spacing = minTime * 2;
      void limiter.updateSettings({ minTime: spacing });
      clearTimeout(restore);
      restore = setTimeout(() => {
        spacing = minTime;
        void limiter.updateSettings({ minTime });
      }, SLOW_DOWN_MS);
    },
    get inFlight() {
      return inFlight;
    },
    get ready() {
      return waiting === 0 && inFlight < maxConcurrent;
    },
    changed() {
      return new Promise((resolve) => wake.push(resolve));
    },
    close() {
      clearTimeout(restore);
      notify();
      if (!o.control.stopping) void limiter.stop({ dropWaitingJobs: true }).catch(() => undefined);
    },
  };
}
