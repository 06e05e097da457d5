import { useLayoutEffect, useState } from 'react';
import type { BatchEvent, BatchEventSource } from '../core/batch-events.js';
import { initialDashboardState, reduceDashboardEvents, type DashboardState } from './dashboard-state.js';

/** Default time between screen updates: about 15 frames a second. */
export const DEFAULT_FRAME_MS = 66;

export interface BatchView {
  readonly state: DashboardState;
  /** Screen updates so far. It also advances on idle frames while rows are in flight, so spinners turn without a second timer. */
  readonly tick: number;
}

/**
 * Subscribes to the run's events and folds them into view state, at most one React update per
 * `frameMs`: events queue up and one timer flushes them together. `end` flushes at once.
 */
export function useBatchState(source: BatchEventSource, frameMs: number = DEFAULT_FRAME_MS): BatchView {
  const [view, setView] = useState<BatchView>(() => ({ state: initialDashboardState(), tick: 0 }));

  // A layout effect runs during Ink's synchronous first render, so the subscription exists
  // before renderDashboard() returns and the runner cannot emit into the void.
  useLayoutEffect(() => {
    let queue: BatchEvent[] = [];
    let timer: NodeJS.Timeout | undefined;
    let current = initialDashboardState();
    let ended = false;

    const flush = (): void => {
      timer = undefined;
      const events = queue;
      queue = [];
      current = reduceDashboardEvents(current, events);
      const state = current;
      setView((previous) => ({ state, tick: previous.tick + 1 }));
      if (!ended && current.inFlight.length > 0) schedule();
    };
    const schedule = (): void => {
      timer ??= setTimeout(flush, frameMs);
    };
    const unsubscribe = source.subscribe((event) => {
      if (ended) return;
      queue.push(event);
      if (event.type !== 'end') return schedule();
      ended = true;
      clearTimeout(timer);
      flush();
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [source, frameMs]);

  return view;
}
