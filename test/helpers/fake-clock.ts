// A clock that moves only when told, for unit tests that must never wait on the wall clock.

/**
 * Sleeps end when the clock reaches them (or when their signal fires); `every` ticks on the same clock.
 * Before each move, `settleRounds` zero-delay timers let bottleneck hand over what is due.
 */
export function fakeTime({ settleRounds = 20 }: { readonly settleRounds?: number } = {}) {
  let now = 0;
  let timers: { at: number; wake: () => void }[] = [];
  const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = (): void => {
        timers = timers.filter((x) => x !== timer);
        resolve();
      };
      // A sleep that wakes takes its listener away, as timers/promises does: `every` sleeps on one
      // signal again and again, and kept listeners would pile up on it.
      const timer = { at: now + Math.max(0, ms), wake: () => { signal?.removeEventListener('abort', onAbort); resolve(); } };
      timers.push(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  return {
    now: () => now,
    sleep,
    /** Calls `tick` every `ms` of this clock until the returned function is called (runBatch's `every`). */
    every(ms: number, tick: () => void): () => void {
      const stopped = new AbortController();
      void (async () => {
        for (;;) {
          await sleep(ms, stopped.signal);
          if (stopped.signal.aborted) return;
          tick();
        }
      })();
      return () => stopped.abort();
    },
    /** Moves the clock to `at`, waking each sleep on the way in order. */
    async advanceTo(at: number): Promise<void> {
      for (;;) {
        await settle(settleRounds);
        const next = timers.filter((x) => x.at <= at).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        timers = timers.filter((x) => x !== next);
        now = next.at;
        next.wake();
      }
      now = at;
      await settle(settleRounds);
    },
    /** Runs until `done` settles, jumping from one sleep to the next. */
    async runUntil<T>(done: Promise<T>): Promise<T> {
      let finished = false;
      void done.finally(() => (finished = true)).catch(() => undefined);
      while (!finished) {
        await settle(settleRounds);
        const next = [...timers].sort((a, b) => a.at - b.at)[0];
        if (next) await this.advanceTo(next.at);
      }
      return done;
    },
  };
}

/**
 * Lets bottleneck's own scheduling catch up: it hands jobs over through zero-delay timers, and a
 * timer set after them fires after them.
 */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
