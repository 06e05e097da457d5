/** Exponential backoff with full jitter: a random delay in [0, min(cap, base * 2^(attempt-1))). */
export function backoffDelay(attempt: number, options: { baseMs: number; capMs: number }, random: () => number = Math.random): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

export const RETRY_BACKOFF = { baseMs: 400, capMs: 15_000 } as const;
/** Throttling means the window is full; the lane slows down for everyone, so the row itself waits a little. */
export const THROTTLE_BACKOFF = { baseMs: 500, capMs: 15_000 } as const;
