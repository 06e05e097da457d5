import { Box, Text } from 'ink';
import type { InFlightRow } from './dashboard-state.js';
import { formatDuration } from './format-duration.js';
import { fitCell, keyCell, lineLabel } from './row-columns.js';
import { ThemedText } from './ThemedText.js';
import { useTheme } from './use-theme.js';
import { t } from '../i18n/messages.js';

export interface InFlightRowsProps {
  readonly rows: readonly InFlightRow[];
  /** Frame counter from useBatchState; picks the spinner frame. */
  readonly tick: number;
  /** Terminal width in columns; below 80 the notes are shortened. */
  readonly width: number;
  /** Rows drawn at most; the rest are counted on one line, so the live area stays short. */
  readonly maxRows?: number;
}

/**
 * One line per row with a request out or a retry pending: spinner, line, registry/namespace, attempt.
 * The spinner is a Text of its own so the rest of the line, plain ASCII, takes Ink's fast width path.
 */
export function InFlightRows({ rows, tick, width, maxRows = 8 }: InFlightRowsProps) {
  const { glyphs } = useTheme();
  const narrow = width < 80;
  const frame = glyphs.spinner[tick % glyphs.spinner.length] ?? '';
  const hidden = rows.length - maxRows;
  return (
    <Box flexDirection="column">
      {rows.slice(0, maxRows).map((row) => (
        <Box key={row.line}>
          <Box flexShrink={0}>
            <ThemedText color={row.waiting ? 'yellow' : 'cyan'}>{frame}</ThemedText>
          </Box>
          <Text wrap="truncate-end">
            {` ${lineLabel(row.line)} ${fitCell(row.key, keyCell(width), glyphs.ellipsis)}`}
            <ThemedText dim>{describeAttempt(row, narrow)}</ThemedText>
          </Text>
        </Box>
      ))}
      {hidden > 0 ? <ThemedText dim>{`${glyphs.ellipsis} ${t('dash.moreInFlight', { n: hidden })}`}</ThemedText> : null}
    </Box>
  );
}

function describeAttempt(row: InFlightRow, narrow: boolean): string {
  if (row.waiting) {
    const { errorCode, delayMs } = row.waiting;
    const values = { attempt: row.attempt, delay: formatDuration(delayMs), code: errorCode };
    return t(narrow ? 'dash.retryNarrow' : 'dash.retry', values);
  }
  const label = narrow ? `#${row.attempt}` : t('dash.attempt', { attempt: row.attempt });
  return row.retryAfter === undefined ? label : t('dash.after', { label, code: row.retryAfter });
}
