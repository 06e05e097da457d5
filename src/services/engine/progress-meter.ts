import type { BatchEvent } from '../../core/batch-events.js';
import type { StatusCounts } from '../../core/result.js';

const RATE_WINDOW_MS = 5000;

/** Done/total, the request rate over the last five seconds, and an ETA from it. */
export function createProgressMeter(total: number, now: () => number, inFlight: () => number, paused: () => boolean) {
  const startedAt = now();
  const starts: number[] = [];
  let done = 0;
  return {
    requestStarted(): void {
      starts.push(now());
    },
    rowDone(): void {
      done += 1;
    },
    progress(counts: StatusCounts): Extract<BatchEvent, { type: 'progress' }> {
      const t = now();
      while (starts.length > 0 && (starts[0] as number) < t - RATE_WINDOW_MS) starts.shift();
      const span = Math.min(RATE_WINDOW_MS, Math.max(1, t - startedAt));
      const rate = (starts.length * 1000) / span;
      const left = total - done;
      return {
        type: 'progress',
        done,
        total,
        inFlight: inFlight(),
        rate,
        elapsedMs: t - startedAt,
        etaMs: rate > 0 && done > 0 ? (left / rate) * 1000 : undefined,
        counts,
        paused: paused(),
      };
    },
  };
}
