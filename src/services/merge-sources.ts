/** How several sources' values are merged: in the order of the sources (a fixed listing order), or as they come. */
export type MergeOrder = 'fixed' | 'arrival';

/** The merge for an order. */
export const mergeIn = <T>(order: MergeOrder): ((sources: readonly (() => AsyncIterable<T>)[]) => AsyncGenerator<T>) => (order === 'fixed' ? inOrder : asTheyCome);

/**
 * Yields each source's values, source after source in the order given, while every source runs at once:
 * a later source's values wait in a buffer for their turn. Reads go out together (each paced in its lane)
 * and the values still come in a fixed order, so a listing numbers its items the same way every time.
 */
export async function* inOrder<T>(sources: readonly (() => AsyncIterable<T>)[]): AsyncGenerator<T> {
  const running = sources.map((make) => eager(make()));
  for (const source of running) yield* source;
}

/** Starts reading `source` now, keeping what it yields until asked; its error, if any, comes in its place. */
function eager<T>(source: AsyncIterable<T>): AsyncIterable<T> {
  const values: T[] = [];
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const woken = (): void => {
    wake?.();
    wake = undefined;
  };
  void (async () => {
    try {
      for await (const value of source) {
        values.push(value);
        woken();
      }
    } catch (error) {
      failure = { error };
    }
    ended = true;
    woken();
  })();
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (values.length > 0) {
          yield values.shift() as T;
          continue;
        }
        if (failure) throw failure.error;
        if (ended) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

/**
 * Yields every source's values as soon as each comes, whichever source it is from, while every source
 * runs at once: a slow source never holds back the values of a faster one. The first error ends it.
 */
export async function* asTheyCome<T>(sources: readonly (() => AsyncIterable<T>)[]): AsyncGenerator<T> {
  const values: T[] = [];
  let running = sources.length;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const woken = (): void => {
    wake?.();
    wake = undefined;
  };
  for (const make of sources) {
    void (async () => {
      try {
        for await (const value of make()) {
          values.push(value);
          woken();
        }
      } catch (error) {
        failure ??= { error };
      }
      running -= 1;
      woken();
    })();
  }
  for (;;) {
    if (values.length > 0) {
      yield values.shift() as T;
      continue;
    }
    if (failure) throw failure.error;
    if (running === 0) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}
