import type { StatusCounts } from '../core/result.js';
import type { DashboardState } from './dashboard-state.js';
import { formatDuration } from './format-duration.js';
import { ThemedText } from './ThemedText.js';

export interface RunOutcomeProps {
  /** The run's `end` event, as folded into the state. */
  readonly end: NonNullable<DashboardState['end']>;
  readonly counts: StatusCounts;
}

/** The last line of the final frame: finished or interrupted, and how long it took. */
export function RunOutcome({ end, counts }: RunOutcomeProps) {
  const took = formatDuration(end.elapsedMs);
  if (end.interrupted) {
    const all = Object.values(counts).reduce((a, b) => a + b, 0);
    const notSent = counts['not-sent'];
    return <ThemedText bold color="yellow">{`Interrupted after ${took}: ${all - notSent} of ${all} rows done, ${notSent} not sent.`}</ThemedText>;
  }
  if (counts['not-sent'] > 0) {
    const failedToo = counts.failed > 0 ? `, ${counts.failed} failed` : '';
    return <ThemedText bold color="red">{`Stopped after ${took}: ${counts['not-sent']} rows not sent${failedToo}.`}</ThemedText>;
  }
  const failed = counts.failed > 0;
  return (
    <ThemedText bold color={failed ? 'red' : 'green'}>
      {`Finished in ${took}${failed ? ` with ${counts.failed} failed ${counts.failed === 1 ? 'row' : 'rows'}` : ''}.`}
    </ThemedText>
  );
}
