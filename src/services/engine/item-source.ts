/** What a source still growing yields at a time: items to send, and items already settled (a page of a listing, planned). */
export interface ItemChunk<I, R> {
  readonly toSend: readonly I[];
  /** Items the plan settled without sending (skipped, blocked): reported as they come, never sent. */
  readonly settled?: readonly R[];
}

/** The items of a run: all known at once (an array), or arriving while the run goes on (a listing still paging). */
export type ItemSource<I, R> = readonly I[] | AsyncIterable<ItemChunk<I, R>>;

export const isGrowing = <I, R>(source: ItemSource<I, R>): source is AsyncIterable<ItemChunk<I, R>> => !Array.isArray(source);

/**
 * Reads a growing source to its end, handing each chunk to `take` as it comes. An abort stops the
 * waiting at once: the source is asked to return but not awaited (a read in flight ends on its own).
 * Resolves with the error the source threw, if it threw: the run decides what that means.
 */
export async function drainSource<I, R>(
  source: AsyncIterable<ItemChunk<I, R>>,
  take: (chunk: ItemChunk<I, R>) => void,
  abort: AbortSignal,
): Promise<{ readonly error?: unknown }> {
  const iterator = source[Symbol.asyncIterator]();
  const aborted = new Promise<'aborted'>((resolve) => {
    if (abort.aborted) resolve('aborted');
    else abort.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  try {
    for (;;) {
      const pending = iterator.next();
      // Left behind by an abort, it may still fail: that failure is nobody's to report.
      pending.catch(() => undefined);
      const next = await Promise.race([pending, aborted]);
      if (next === 'aborted') {
        void iterator.return?.().catch(() => undefined);
        return {};
      }
      if (next.done) return {};
      take(next.value);
    }
  } catch (error) {
    return { error };
  }
}
