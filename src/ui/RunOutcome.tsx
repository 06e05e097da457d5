import { totalOf, type StatusCounts } from '../core/result.js';
import type { DashboardState } from './dashboard-state.js';
import { formatDuration } from './format-duration.js';
import { ThemedText } from './ThemedText.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';

export interface RunOutcomeProps {
  /** The run's `end` event, as folded into the state. */
  readonly end: NonNullable<DashboardState['end']>;
  readonly counts: StatusCounts;
}

/** The last line of the final frame: finished or interrupted, and how long it took. */
export function RunOutcome({ end, counts }: RunOutcomeProps) {
  const took = formatDuration(end.elapsedMs);
  if (end.interrupted) {
    const all = totalOf(counts);
    const notSent = counts['not-sent'];
    return <ThemedText bold color="yellow">{t('dash.interrupted', { took, done: all - notSent, all, notSent })}</ThemedText>;
  }
  if (counts['not-sent'] > 0) {
    const failedToo = counts.failed > 0 ? t('dash.failedToo', { n: counts.failed }) : '';
    return <ThemedText bold color="red">{t('dash.stopped', { took, notSent: counts['not-sent'], failedToo })}</ThemedText>;
  }
  const failed = counts.failed > 0;
  return (
    <ThemedText bold color={failed ? 'red' : 'green'}>
      {failed ? t('dash.finishedFailed', { took, rows: count('count.failedRow', counts.failed) }) : t('dash.finished', { took })}
    </ThemedText>
  );
}
