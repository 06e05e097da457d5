import { useRef, useState } from 'react';
import { useInput } from 'ink';
import type { BatchControls } from '../core/batch-events.js';

export interface DashboardKeys {
  /** Whether the user asked for a pause; undefined until they first press `p`. */
  readonly paused: boolean | undefined;
  /** How often the user asked to stop: 1 = drain the rows in flight, 2 or more = abort. */
  readonly stopPresses: number;
  /** The key help line is expanded. */
  readonly showHelp: boolean;
}

/**
 * `p` pauses and resumes, `q` or Ctrl-C stops (again: aborts), `?` toggles the help line. Keys go
 * to the runner through `controls`; the dashboard only remembers what was asked, to show it.
 */
export function useDashboardKeys(controls: BatchControls, isActive: boolean): DashboardKeys {
  const [keys, setKeys] = useState<DashboardKeys>({ paused: undefined, stopPresses: 0, showHelp: false });
  // The handler needs the latest state to decide pause vs resume; a ref avoids side effects in updaters.
  const latest = useRef(keys);
  latest.current = keys;
  const update = (change: Partial<DashboardKeys>): void => {
    latest.current = { ...latest.current, ...change };
    setKeys(latest.current);
  };

  useInput(
    (input, key) => {
      const { paused, stopPresses, showHelp } = latest.current;
      if (input === 'q' || (key.ctrl && input === 'c')) {
        controls.stop();
        update({ stopPresses: stopPresses + 1 });
      } else if (input === 'p' && stopPresses === 0) {
        if (paused === true) controls.resume();
        else controls.pause();
        update({ paused: paused !== true });
      } else if (input === '?') {
        update({ showHelp: !showHelp });
      }
    },
    { isActive },
  );
  return keys;
}
