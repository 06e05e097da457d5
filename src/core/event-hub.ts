import type { BatchEvent, BatchEventListener, BatchEventSource } from './batch-events.js';

/** Fans one stream of batch events out to every face and recorder that subscribed. */
export function createEventHub(): BatchEventSource & { emit(event: BatchEvent): void } {
  const listeners = new Set<BatchEventListener>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const listener of listeners) listener(event);
    },
  };
}
