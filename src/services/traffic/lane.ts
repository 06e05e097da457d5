import Bottleneck from 'bottleneck';
import { setTimeout as delay } from 'node:timers/promises';
import { createRateControl } from '../../core/rate-control.js';
import { createStartWindow } from '../../core/start-window.js';

/** What `run` gives back when the task never started: the stop came first, or the task itself said so. */
export const NOT_STARTED = Symbol('not-started');

export interface LaneOptions {
  /** Starts per second at most: the action's documented limit, or --rate for the writes. */
  readonly limit: number;
  /** A fixed in-flight cap; by default it follows the observed latency. */
  readonly concurrency?: number;
  /** Bottleneck settings on top (the Redis datastore and the lane's id when the budget is shared). */
  readonly bottleneck?: Bottleneck.ConstructorOptions;
  /**
   * At most `limit` starts in any 1000 + marginMs: a margin for the jitter between start and arrival
   * (30 ms by default; more when processes share the budget through Redis and only it sees them all).
   */
  readonly marginMs?: number;
  /**
   * Milliseconds bottleneck plans between starts at a rate: (1000 + marginMs) / rate. Unit tests
   * turn it off (() => 0) to show the lane's own rules on an injected clock.
   */
  readonly spacing?: (rate: number) => number;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface RunOptions<T> {
  /** Stop waiting for a turn: the task is not started, `run` resolves NOT_STARTED at once. */
  readonly stop?: AbortSignal;
  /** Whether the answer said RequestLimitExceeded: the lane slows down. */
  readonly throttled?: (result: T) => boolean;
}

/**
 * A lane's task, given its turn. A task that does something before its request leaves (the journal's
 * intent, synced to disk) calls `leaving` right before the request goes out: the start is then counted
 * from there, and waits if that would make one too many in a window.
 */
export type LaneTask<T> = (leaving: () => Promise<void>) => Promise<T | typeof NOT_STARTED>;

export interface Lane {
  run<T>(task: LaneTask<T>, options?: RunOptions<T>): Promise<T | typeof NOT_STARTED>;
  /** Tasks handed over that have not started yet. */
  readonly waiting: number;
  readonly inFlight: number;
  /** The rate the lane allows now. */
  readonly rate: number;
  /** Throttled answers that cut the rate, so far. */
  readonly cuts: number;
  close(): Promise<void>;
}

const DEFAULT_MARGIN_MS = 30;
const FIRST_ANSWER_WAIT_MS = 2000;

const sleepFor = (ms: number, signal?: AbortSignal): Promise<void> => delay(ms, undefined, { signal }).catch(() => undefined);

/**
 * One access endpoint × action × credential: a bottleneck limiter (`minTime` from the rate,
 * `maxConcurrent` from the latency) with the three rules it does not have, here and nowhere else:
 * at most `limit` *actual* starts in any second and a margin (see start-window.ts); the lane's first
 * request, which opens the connection and so may arrive late, is counted from its answer, and the
 * window it opens stays open until then; RequestLimitExceeded cuts the rate and it climbs back (see
 * rate-control.ts).
 */
/** bottleneck's typings say updateSettings returns the limiter; it returns a promise, which rejects once Redis is gone. */
function quietly(update: unknown): void {
  void Promise.resolve(update).catch(() => undefined);
}

/** A job the limiter gave up before it began (its Redis gone): never sent. */
function notStartedAfter(_error: unknown): typeof NOT_STARTED {
  return NOT_STARTED;
}

export function createLane(o: LaneOptions): Lane {
  const now = o.now ?? (() => performance.now());
  const sleep = o.sleep ?? sleepFor;
  const control = createRateControl(o.limit);
  const margin = o.marginMs ?? DEFAULT_MARGIN_MS;
  const window = createStartWindow(o.limit, 1000 + margin);
  let rate = o.limit;
  let latencyMs = 300;
  /** Enough in flight to hold the rate at the observed latency, with room for its swings. */
  const enoughFor = (ms: number): number => Math.min(200, Math.max(4, Math.ceil((o.limit * ms * 1.5) / 1000) + 2));
  let maxConcurrent = o.concurrency ?? enoughFor(latencyMs);
  const spacing = o.spacing ?? ((r: number): number => (1000 + margin) / r);
  const limiter = new Bottleneck({ minTime: spacing(rate), maxConcurrent, ...o.bottleneck });
  // A lane kept in Redis keeps its settings across runs: start this run from the limit, not an old cut.
  if (o.bottleneck?.datastore) quietly(limiter.updateSettings({ minTime: spacing(rate) }));
  let waiting = 0;
  let inFlight = 0;
  let cuts = 0;
  let first: Promise<void> | undefined;
  let firstAnswered = false;
  let firstGiveUpAt = 0;
  let startsBehindFirst = 0;
  /** Bottleneck plans starts `spacing` apart; after a cut, and as the rate climbs back, it is told. */
  const follow = (next: number): void => {
    if (next === rate || (Math.abs(next - rate) < 0.05 * o.limit && next !== o.limit)) return;
    rate = next;
    quietly(limiter.updateSettings({ minTime: spacing(rate) }));
  };
  const adapt = (ms: number): void => {
    latencyMs = latencyMs * 0.8 + ms * 0.2;
    if (o.concurrency) return;
    const wanted = enoughFor(latencyMs);
    if (wanted !== maxConcurrent) quietly(limiter.updateSettings({ maxConcurrent: (maxConcurrent = wanted) }));
  };

  async function start<T>(task: LaneTask<T>, options: RunOptions<T>): Promise<T | typeof NOT_STARTED> {
    const { stop } = options;
    // The first request's arrival is uncertain until it is answered: the window it opens may not close before.
    if (first && !firstAnswered && startsBehindFirst >= o.limit - 1) await Promise.race([first, sleep(firstGiveUpAt - now(), stop)]);
    for (let wait = window.delayAt(now()); wait > 0 && !stop?.aborted; wait = window.delayAt(now())) await sleep(wait, stop);
    if (stop?.aborted) return NOT_STARTED;
    const opening = first === undefined;
    let answered: () => void = () => undefined;
    if (opening) {
      first = new Promise((resolve) => (answered = () => ((firstAnswered = true), resolve())));
      firstGiveUpAt = now() + FIRST_ANSWER_WAIT_MS;
    }
    let startedAt = now();
    if (!opening && !firstAnswered) startsBehindFirst += 1;
    window.record(startedAt);
    // Held up between its turn and the wire (an intent synced on a busy disk), several starts would leave
    // together: each is counted again from when it leaves, and waits for room in the window if it must.
    // No stop cuts this wait short: the intent is written, and the wait is under a window long.
    const leaving = async (): Promise<void> => {
      if (now() === startedAt) return;
      window.forget(startedAt);
      for (let wait = window.delayAt(now()); wait > 0; wait = window.delayAt(now())) await sleep(wait);
      window.record((startedAt = now()));
    };
    inFlight += 1;
    try {
      const result = await task(leaving);
      if (result !== NOT_STARTED && control.answered(now(), options.throttled?.(result) ?? false)) cuts += 1;
      return result;
    } finally {
      inFlight -= 1;
      adapt(now() - startedAt);
      // It reached the API somewhere before its answer: count it from there.
      if (opening) window.move(startedAt, now());
      answered();
      follow(control.rateAt(now()));
    }
  }

  return {
    async run<T>(task: LaneTask<T>, options: RunOptions<T> = {}): Promise<T | typeof NOT_STARTED> {
      if (options.stop?.aborted) return NOT_STARTED;
      waiting += 1;
      let left = false;
      const leaveQueue = (): void => {
        if (left) return;
        left = true;
        waiting -= 1;
      };
      // A shared lane's job settles only once Redis has heard it is done: the answer is taken as soon as the
      // task has it, so a Redis that has gone never holds a request that was sent. A job refused before its
      // task began was never sent.
      let began = false;
      let taskDone: (value: Promise<T | typeof NOT_STARTED>) => void = () => undefined;
      const answered = new Promise<T | typeof NOT_STARTED>((resolve) => (taskDone = resolve));
      const scheduled = limiter.schedule(() => {
        const gone = left;
        leaveQueue();
        if (gone || options.stop?.aborted) return Promise.resolve(NOT_STARTED);
        began = true;
        const p = start(task, options);
        taskDone(p);
        return p;
      });
      const job = Promise.race([answered, scheduled.catch((error: unknown) => (began ? answered : notStartedAfter(error)))]);
      if (!options.stop) return job;
      // A stop while waiting for the turn answers at once; the job, when its turn comes, does nothing.
      const { stop } = options;
      let onStop = (): void => undefined;
      const stopped = new Promise<typeof NOT_STARTED>((resolve) => {
        onStop = () => {
          if (left) return;
          leaveQueue();
          resolve(NOT_STARTED);
        };
      });
      stop.addEventListener('abort', onStop, { once: true });
      try {
        return await Promise.race([job, stopped]);
      } finally {
        stop.removeEventListener('abort', onStop);
      }
    },
    get waiting() {
      return waiting;
    },
    get inFlight() {
      return inFlight;
    },
    get rate() {
      return control.rateAt(now());
    },
    get cuts() {
      return cuts;
    },
    async close() {
      // With a shared Redis connection bottleneck returns nothing here; the connection is closed by its owner.
      await Promise.resolve().then(() => limiter.disconnect(false)).catch(() => undefined);
    },
  };
}
