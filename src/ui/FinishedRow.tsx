import { Box, Text } from 'ink';
import type { FinishedItem } from './dashboard-state.js';
import { STATUS_COLORS } from './status-colors.js';
import { ThemedText } from './ThemedText.js';
import { keyColumn, lineLabel } from './row-columns.js';
import { useTheme } from './use-theme.js';

export interface FinishedRowProps {
  readonly item: FinishedItem;
  /** Terminal width in columns. Below 80 the key column is narrower and the note is dropped. */
  readonly width: number;
}

/**
 * One finished row, drawn once through `<Static>`: icon, line, registry/namespace, then the RequestId
 * on success or the error code and message on failure, cut to one line.
 */
export function FinishedRow({ item, width }: FinishedRowProps) {
  const { glyphs } = useTheme();
  const { result, note } = item;
  const narrow = width < 80;
  const key = `${result.RegistryId}/${result.NamespaceName}`;
  const color = STATUS_COLORS[result.status];
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        <ThemedText color={color}>{glyphs.status[result.status]}</ThemedText>
        {` ${lineLabel(result.line)} `}
        {key.padEnd(keyColumn(width))}
        {'  '}
        {result.ErrorCode === '' ? (
          <ThemedText color={color}>{result.status}</ThemedText>
        ) : (
          <ThemedText color={color}>{result.ErrorCode}</ThemedText>
        )}
        {detail(result.ErrorCode === '' ? result.RequestId : result.ErrorMessage, narrow && result.ErrorCode === '')}
        {narrow || note === undefined ? '' : `${glyphs.separator}${note}`}
      </Text>
    </Box>
  );
}

function detail(text: string, drop: boolean): string {
  return drop || text === '' ? '' : `  ${text}`;
}
