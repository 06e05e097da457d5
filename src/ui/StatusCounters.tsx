import { Text } from 'ink';
import { ROW_STATUSES, type RowStatus, type StatusCounts } from '../core/result.js';
import { STATUS_COLORS } from './status-colors.js';
import { ThemedText } from './ThemedText.js';
import { useTheme } from './use-theme.js';

export interface StatusCountersProps {
  readonly counts: StatusCounts;
  /** In a dry run nothing is created or failed, so those two are shown only when non-zero. */
  readonly dryRun: boolean;
}

/** `✔ created 1200  ✖ failed 3  ↷ skipped 31`: statuses with rows, plus the ones a run always cares about. */
export function StatusCounters({ counts, dryRun }: StatusCountersProps) {
  const { glyphs } = useTheme();
  const always: readonly RowStatus[] = dryRun ? ['dry-run'] : ['created', 'failed'];
  const shown = ROW_STATUSES.filter((status) => counts[status] > 0 || always.includes(status));
  return (
    <Text wrap="truncate-end">
      {shown.map((status, index) => (
        <Text key={status}>
          {index === 0 ? '' : '  '}
          <ThemedText color={STATUS_COLORS[status]}>{`${glyphs.status[status]} ${status}`}</ThemedText>
          {` ${counts[status]}`}
        </Text>
      ))}
    </Text>
  );
}
