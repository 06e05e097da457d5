const WINDOW_MS = 1000;

/** The arrival times of the last `limit` admitted requests for one key, oldest at `head`. */
interface Window {
  readonly times: Float64Array;
  head: number;
  count: number;
}

/**
 * Per-key sliding one-second window, counted by arrival: a request is admitted when fewer than `limit`
 * requests were admitted in the 1000 ms before it. Refused requests are not counted, so a caller that
 * slows down is served again a second after its burst. Memory is `limit` numbers per key.
 */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** True when the request may proceed (and it is counted); false when it is over the limit. */
  admit(key: string, limit: number): boolean {
    if (!Number.isFinite(limit)) return true;
    let window = this.windows.get(key);
    if (!window) {
      window = { times: new Float64Array(limit), head: 0, count: 0 };
      this.windows.set(key, window);
    }
    const now = this.now();
    if (window.count < limit) {
      window.times[(window.head + window.count) % limit] = now;
      window.count += 1;
      return true;
    }
    const oldest = window.times[window.head] ?? 0;
    if (now - oldest < WINDOW_MS) return false;
    window.times[window.head] = now;
    window.head = (window.head + 1) % limit;
    return true;
  }
}
