import { Box, Text } from 'ink';
import type { ProgressView } from './dashboard-state.js';
import { formatDuration, formatRate } from './format-duration.js';
import { ThemedText } from './ThemedText.js';
import { useTheme } from './use-theme.js';
import { t } from '../i18n/messages.js';

export interface ProgressBarProps {
  readonly progress: ProgressView;
  /** Terminal width in columns; below 80 the bar shrinks and the rate and elapsed time are dropped. */
  readonly width: number;
}

/** `██████░░░░ 1234/10000 12%  19.8/s  elapsed 1m02s  ETA 7m20s`; while a listing goes on, `1234/5000+ listing…` */
export function ProgressBar({ progress, width }: ProgressBarProps) {
  const { glyphs } = useTheme();
  const { done, total, rate, elapsedMs, etaMs, counts, counting } = progress;
  const narrow = width < 80;
  // Rows the run never sent are finished, not done: the bar must not claim 100% for them.
  const notSent = counts['not-sent'];
  const sent = Math.max(0, done - notSent);
  // Nothing to send is done, unless the listing has yet to find it.
  const ratio = total === 0 ? (notSent > 0 || counting ? 0 : 1) : Math.min(1, sent / total);
  const barWidth = narrow ? Math.max(8, Math.min(30, width - 40)) : 30;
  const filled = Math.round(ratio * barWidth);
  const eta = etaMs === undefined ? '' : t('dash.eta', { eta: formatDuration(etaMs) });
  // The bar is its own Text: its glyphs take Ink's slow width path, the ASCII numbers the fast one,
  // and the bar's text only changes when it grows.
  return (
    <Box>
      <Box flexShrink={0}>
        <Text>
          {glyphs.barLeft}
          <ThemedText color="green">{glyphs.barFull.repeat(filled)}</ThemedText>
          <ThemedText dim>{glyphs.barEmpty.repeat(barWidth - filled)}</ThemedText>
          {glyphs.barRight}
        </Text>
      </Box>
      <Text wrap="truncate-end">
        {` ${sent}/${total}${counting ? '+' : ''} `}
        {/* A share of a total still being counted would mislead: say the listing goes on instead. */}
        {counting ? <ThemedText dim>{t('dash.counting')}</ThemedText> : <ThemedText bold>{`${Math.floor(ratio * 100)}%`}</ThemedText>}
        {notSent > 0 ? t('dash.notSent', { n: notSent }) : ''}
        {narrow ? '' : t('dash.elapsed', { rate: formatRate(rate), elapsed: formatDuration(elapsedMs) })}
        {eta}
      </Text>
    </Box>
  );
}
