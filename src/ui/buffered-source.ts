import type { BatchEvent, BatchEventListener, BatchEventSource } from '../core/batch-events.js';

/** A source that holds events until its first listener arrives; `close()` lets go of the original. */
export interface BufferedSource extends BatchEventSource {
  close(): void;
}

/**
 * Subscribes to `source` at once and keeps what it emits until someone subscribes, then replays it,
 * in order, and forwards the rest. Lets renderDashboard load Ink asynchronously without missing the
 * events a runner emits meanwhile.
 */
export function bufferSource(source: BatchEventSource): BufferedSource {
  let held: BatchEvent[] | undefined = [];
  const listeners = new Set<BatchEventListener>();
  const unsubscribe = source.subscribe((event) => {
    if (held !== undefined) held.push(event);
    else for (const listener of listeners) listener(event);
  });
  return {
    subscribe(listener) {
      listeners.add(listener);
      const replay = held;
      held = undefined;
      for (const event of replay ?? []) listener(event);
      return () => {
        listeners.delete(listener);
      };
    },
    close: unsubscribe,
  };
}
