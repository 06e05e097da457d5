import type { DashboardState } from './dashboard-state.js';
import { STOP_MESSAGES } from './stop-messages.js';
import { ThemedText } from './ThemedText.js';
import { useTheme } from './use-theme.js';

export interface StopNoticeProps {
  /** What the runner said when it began stopping, if it has. */
  readonly stopping: DashboardState['stopping'];
  /** Stop requests from the keyboard: 1 drains, 2 or more abort. */
  readonly stopPresses: number;
  /** Rows still in flight, which a graceful stop waits for. */
  readonly inFlight: number;
}

/** Says that the run is stopping and how to make it stop harder; nothing while it runs normally. */
export function StopNotice({ stopping, stopPresses, inFlight }: StopNoticeProps) {
  const { glyphs } = useTheme();
  if (stopPresses >= 2 || stopping?.reason === 'abort') {
    return <ThemedText bold color="red">{`aborting${glyphs.ellipsis}`}</ThemedText>;
  }
  if (stopPresses === 0 && stopping === undefined) return null;
  // The runner may stop on its own (auth failure); "again" only reads right after a stop request.
  const asked = stopPresses > 0 || stopping?.reason === 'interrupt';
  const why = stopping?.reason === 'auth-failure' || stopping?.reason === 'unreachable' ? `${STOP_MESSAGES[stopping.reason]}; ` : '';
  const waiting = inFlight > 0 ? `${glyphs.separator}${inFlight} in flight` : '';
  return (
    <ThemedText color="yellow" wrap="truncate-end">
      {`${why}stopping${glyphs.ellipsis} (press ${asked ? 'again' : 'q'} to abort)${waiting}`}
    </ThemedText>
  );
}
