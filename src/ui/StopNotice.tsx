import type { DashboardState } from './dashboard-state.js';
import { ThemedText } from './ThemedText.js';
import { useTheme } from './use-theme.js';
import { t } from '../i18n/messages.js';

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
    return <ThemedText bold color="red">{`${t('dash.aborting')}${glyphs.ellipsis}`}</ThemedText>;
  }
  if (stopPresses === 0 && stopping === undefined) return null;
  // The runner may stop on its own (auth failure); "again" only reads right after a stop request.
  const asked = stopPresses > 0 || stopping?.reason === 'interrupt';
  // The runner's own stops say why in a few words; the full sentence is the plain faces'.
  const reason = stopping?.reason === 'auth-failure' ? t('dash.whyAuth') : stopping?.reason === 'unreachable' ? t('dash.whyUnreachable') : stopping?.reason === 'redis-lost' ? t('dash.whyRedisLost') : stopping?.reason === 'journal-failed' ? t('dash.whyJournal') : '';
  const why = reason ? `${reason}${t('dash.whySeparator')}` : '';
  const waiting = inFlight > 0 ? `${glyphs.separator}${t('dash.inFlight', { n: inFlight })}` : '';
  return (
    <ThemedText color="yellow" wrap="truncate-end">
      {t(asked ? 'dash.stoppingAgain' : 'dash.stopping', { why, ellipsis: glyphs.ellipsis, waiting })}
    </ThemedText>
  );
}
