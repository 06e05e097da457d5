import { useLayoutEffect, useState } from 'react';
import type { BatchEvent, BatchEventSource } from '../core/batch-events.js';
import {
  initialDashboardState, reduceDashboardEvents, type DashboardState, type FinishedItem,
} from './dashboard-state.js';
import { DEFAULT_FRAME_MS, STATIC_EVERY_FRAMES } from './frame-timing.js';

export interface BatchView {
  readonly state: DashboardState;
  /** The finished rows handed to `<Static>` so far; lags `state.finished` by at most a few frames. */
  readonly finished: readonly FinishedItem[];
  /** Screen updates so far. It also advances on idle frames while rows are in flight, so spinners turn without a second timer. */
  readonly tick: number;
}

/**
 * Subscribes to the run's events and folds them into view state, at most one React update per
 * `frameMs`: events queue up and one timer flushes them together. `end` flushes at once.
 */
export function useBatchState(source: BatchEventSource, frameMs: number = DEFAULT_FRAME_MS): BatchView {
  const [view, setView] = useState<BatchView>(() => {
    const state = initialDashboardState();
    return { state, finished: state.finished, tick: 0 };
  });

  // A layout effect runs during Ink's synchronous first render, so the subscription exists
  // before renderDashboard() returns and the runner cannot emit into the void.
  useLayoutEffect(() => {
    let queue: BatchEvent[] = [];
    let timer: NodeJS.Timeout | undefined;
    let current = initialDashboardState();
    let published = current.finished;
    let tick = 0;
    let ended = false;

    const flush = (): void => {
      timer = undefined;
      const events = queue;
      queue = [];
      current = reduceDashboardEvents(current, events);
      tick += 1;
      if (ended || tick % STATIC_EVERY_FRAMES === 0) published = current.finished;
      setView({ state: current, finished: published, tick });
      // Keep ticking while spinners turn or finished rows still wait for their hand-over.
      if (!ended && (current.inFlight.length > 0 || published !== current.finished)) schedule();
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
