import { Box, Text } from 'ink';
import type { FinishedItem } from './dashboard-state.js';
import { abbreviateMiddle, fitCell, keyCell, lineLabel } from './row-columns.js';
import { STATUS_COLORS } from './status-colors.js';
import { ThemedText } from './ThemedText.js';
import { useTheme } from './use-theme.js';
import stringWidth from 'string-width';
import { fitCells, hasWideCharacters } from './fit-cells.js';

export interface FinishedRowProps {
  readonly item: FinishedItem;
  /** Terminal width in columns. Below 80 the RequestId of successful rows is cut in the middle and the note dropped. */
  readonly width: number;
}

/**
 * One finished row, drawn once through `<Static>`: icon, line, registry/namespace, then the status and
 * RequestId on success or the error code and message on failure, cut to one line.
 */
export function FinishedRow({ item, width }: FinishedRowProps) {
  const { glyphs } = useTheme();
  const { result, note } = item;
  const narrow = width < 80;
  const color = STATUS_COLORS[result.status];
  const failed = result.ErrorCode !== '';
  // Narrow: the RequestId cut in the middle still tells a row's request apart; the full one is in the results.
  const detail = failed ? result.ErrorMessage : narrow ? abbreviateMiddle(result.RequestId, 13, glyphs.ellipsis, 4) : result.RequestId;
  const extra = narrow || note === undefined ? '' : `  (${note})`;
  const head = ` ${lineLabel(result.line)} ${fitCell(item.label, keyCell(width), glyphs.ellipsis)}`;
  const code = failed ? result.ErrorCode : result.status;
  // A Chinese message is cut here, in cells; Ink's truncation could leave it one cell too wide.
  const room = width - stringWidth(glyphs.status[result.status]) - head.length - code.length - 2;
  const shown = hasWideCharacters(detail) ? fitCells(detail, room, glyphs.ellipsis) : detail;
  return (
    // The icon is a Text of its own so the rest, usually plain ASCII, takes Ink's fast width path.
    <Box width={width}>
      <Box flexShrink={0}>
        <ThemedText color={color}>{glyphs.status[result.status]}</ThemedText>
      </Box>
      <Text wrap="truncate-end">
        {head}
        <ThemedText color={color}>{code}</ThemedText>
        {shown === '' ? '' : `  ${shown}`}
        {extra}
      </Text>
    </Box>
  );
}
