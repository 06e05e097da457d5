import type { BatchEvent } from '../../core/batch-events.js';
import type { StatusCounts } from '../../core/result.js';

const RATE_WINDOW_MS = 5000;

export interface MeterOptions {
  /** Rows this run sends. */
  readonly toSend: number;
  /** Rows settled before sending (resumed, planned, invalid): part of the batch, so of done and total. */
  readonly settled: number;
  readonly now: () => number;
  readonly inFlight: () => number;
  readonly paused: () => boolean;
  /** The items are still arriving (a listing still going on): the total is what is known so far. */
  readonly counting?: boolean;
}

/**
 * Done/total of the whole batch (the rows settled before sending count as done, so the figures agree
 * with the counters), the request rate over the last five seconds of sending, and an ETA from it.
 * While a source is still growing the total is what has arrived so far, and the event says so (`counting`).
 * A pause stops the clock of the rate: while paused both figures hold still, and once resumed the
 * paused time is left out of the window, so they pick up where they were.
 */
export function createProgressMeter(o: MeterOptions) {
  const startedAt = o.now();
  let starts: number[] = [];
  /** Time spent paused so far: the rate's window is measured in time spent sending. */
  let pausedMs = 0;
  let pausedSince: number | undefined;
  let held: { rate: number; etaMs: number | undefined } | undefined;
  let done = 0;
  let toSend = o.toSend;
  const settled = o.settled;
  let counting = o.counting === true;

  const figures = (t: number): { rate: number; etaMs: number | undefined } => {
    while (starts.length > 0 && (starts[0] as number) < t - RATE_WINDOW_MS) starts.shift();
    const span = Math.min(RATE_WINDOW_MS, Math.max(1, t - startedAt - pausedMs));
    const rate = (starts.length * 1000) / span;
    // While the total is still being counted, an ETA from it would promise too early an end.
    return { rate, etaMs: rate > 0 && done > 0 && !counting ? ((toSend - done) / rate) * 1000 : undefined };
  };

  return {
    requestStarted(): void {
      starts.push(o.now());
    },
    rowDone(): void {
      done += 1;
    },
    /** More items arrived (to send, or settled: each of those is done as it is reported). */
    grow(more: number): void {
      toSend += more;
    },
    /** The source has ended: the total is final. */
    counted(): void {
      counting = false;
    },
    progress(counts: StatusCounts): Extract<BatchEvent, { type: 'progress' }> {
      const t = o.now();
      const paused = o.paused();
      if (paused && pausedSince === undefined) {
        held = figures(t);
        pausedSince = t;
      } else if (!paused && pausedSince !== undefined) {
        // Move the window's starts on by the pause, as if it had not happened.
        const gap = t - pausedSince;
        pausedMs += gap;
        starts = starts.map((s) => s + gap);
        pausedSince = undefined;
        held = undefined;
      }
      const { rate, etaMs } = held ?? figures(t);
      return {
        type: 'progress',
        done: settled + done,
        total: settled + toSend,
        inFlight: o.inFlight(),
        rate,
        elapsedMs: t - startedAt,
        etaMs,
        counts,
        paused,
        ...(counting ? { counting: true as const } : {}),
      };
    },
  };
}
