/**
 * At most `limit` actual starts in any `windowMs`. Bottleneck spaces the starts it *plans*; a start
 * delayed by a busy event loop then lands close to the next one, and the API, counting arrivals in
 * one-second windows, sees limit+1. Counting what really started, over a window a little longer than
 * a second, absorbs that and the jitter of the way there.
 */
export interface StartWindow {
  /** Milliseconds to wait at `now` before one more start fits. */
  delayAt(now: number): number;
  /** A start happened at `now`. */
  record(now: number): void;
  /** The start recorded at `was` happened later, at `now` (the first request of a connection). */
  move(was: number, now: number): void;
  /** The start recorded at `was` has not happened yet after all: its place is given back. */
  forget(was: number): void;
}

export function createStartWindow(limit: number, windowMs: number): StartWindow {
  // The last `limit` start times, oldest first.
  let starts: number[] = [];
  const prune = (): void => {
    if (starts.length > limit) starts = starts.slice(-limit);
  };
  return {
    delayAt(now) {
      if (starts.length < limit) return 0;
      const oldest = starts[starts.length - limit] as number;
      return Math.max(0, oldest + windowMs - now);
    },
    record(now) {
      starts.push(now);
      prune();
    },
    move(was, now) {
      const i = starts.lastIndexOf(was);
      if (i >= 0) starts[i] = now;
      starts.sort((a, b) => a - b);
    },
    forget(was) {
      const i = starts.lastIndexOf(was);
      if (i >= 0) starts.splice(i, 1);
    },
  };
}
