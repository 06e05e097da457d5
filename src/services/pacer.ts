import Bottleneck from 'bottleneck';
import type { ApiOutcome } from '../core/api-outcome.js';
import type { BatchEvent } from '../core/batch-events.js';
import { policyKey, type PolicyRow } from '../core/policy-row.js';
import type { TcrApi } from '../core/tcr-api.js';
import { CREATE_POLICY, type RowOperation } from './policy-operations.js';
import type { RunControl } from './run-control.js';

export interface Pacer {
  /** Sends one attempt when the limiter allows, unless `skip()` says so by then. */
  send(row: PolicyRow, attempt: number, skip: () => boolean): Promise<ApiOutcome | 'not-started'>;
  /** After RequestLimitExceeded: halve the pace for a second instead of hammering. */
  slowDown(): void;
  readonly inFlight: number;
  /** How many rows the feeder may have started: in flight, queued, or waiting to retry. */
  readonly window: number;
  close(): void;
}

const SLOW_DOWN_MS = 1000;
/**
 * Starts spaced exactly 1000/rate ms apart put the 1st and the (rate+1)th exactly one second apart,
 * and a few ms of jitter on the way makes the API see rate+1 in one window. Some slack per second
 * absorbs that jitter; each throttled answer shows the path jitters more, and widens it.
 */
const INITIAL_SLACK_MS = 25;
const SLACK_STEP_MS = 25;
const MAX_SLACK_MS = 200;

/**
 * The bottleneck limiter around the API: starts are spaced 1000/rate ms apart, so no one-second window
 * ever holds more than `rate` of them. Unless fixed, concurrency follows the observed latency so the
 * pace holds when calls are slow.
 */
export function createPacer(
  o: { api: TcrApi; control: RunControl; emit: (e: BatchEvent) => void; rate: number; concurrency?: number; operation?: RowOperation },
): Pacer {
  const operation = o.operation ?? CREATE_POLICY;
  let slack = INITIAL_SLACK_MS;
  let minTime = (1000 + slack) / o.rate;
  let inFlight = 0;
  let latencyMs = 300;
  let maxConcurrent = o.concurrency ?? o.rate;
  const limiter = new Bottleneck({ minTime, maxConcurrent });
  let restore: NodeJS.Timeout | undefined;

  const adapt = (observedMs: number): void => {
    latencyMs = latencyMs * 0.8 + observedMs * 0.2;
    if (o.concurrency) return;
    const wanted = Math.min(200, Math.max(4, Math.ceil((o.rate * latencyMs * 1.5) / 1000) + 2));
    if (wanted !== maxConcurrent) {
      maxConcurrent = wanted;
      void limiter.updateSettings({ maxConcurrent });
    }
  };

  return {
    send(row, attempt, skip) {
      return limiter.schedule(async () => {
        if (skip()) return 'not-started' as const;
        o.emit({ type: 'row-start', line: row.line, key: policyKey(row.request), attempt });
        inFlight += 1;
        const started = performance.now();
        try {
          return await o.api.call('tcr', operation.action, row.region, operation.body(row), o.control.signal);
        } finally {
          inFlight -= 1;
          adapt(performance.now() - started);
        }
      });
    },
    slowDown() {
      slack = Math.min(MAX_SLACK_MS, slack + SLACK_STEP_MS);
      minTime = (1000 + slack) / o.rate;
      void limiter.updateSettings({ minTime: minTime * 2 });
      clearTimeout(restore);
      restore = setTimeout(() => void limiter.updateSettings({ minTime }), SLOW_DOWN_MS);
    },
    get inFlight() {
      return inFlight;
    },
    get window() {
      return maxConcurrent + o.rate;
    },
    close() {
      clearTimeout(restore);
      void limiter.disconnect();
    },
  };
}
