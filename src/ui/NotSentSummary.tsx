import { Box } from 'ink';
import type { RowResult } from '../core/result.js';
import { notSentLines } from './format-row.js';
import { ThemedText } from './ThemedText.js';

export interface NotSentSummaryProps {
  /** Rows the run never sent (stopped, or a failed preflight). */
  readonly rows: readonly RowResult[];
}

/** One line per cause for the rows that were never sent, instead of a line per row. */
export function NotSentSummary({ rows }: NotSentSummaryProps) {
  if (rows.length === 0) return null;
  return (
    <Box flexDirection="column" marginTop={1}>
      {notSentLines(rows).map((line) => (
        <ThemedText key={line} color="yellow">{line}</ThemedText>
      ))}
    </Box>
  );
}
