import { Text } from 'ink';
import { ROW_STATUSES, type RowStatus, type StatusCounts } from '../core/result.js';
import { STATUS_COLORS } from './status-colors.js';
import { ThemedText } from './ThemedText.js';

export interface StatusCountersProps {
  readonly counts: StatusCounts;
  /** Statuses shown even at zero: the outcomes this kind of run is about. */
  readonly always: readonly RowStatus[];
}

/**
 * `created 1200  failed 3  skipped 31`: statuses with rows, plus the ones a run is about. No icons: a
 * plain ASCII line takes Ink's fast width path on every frame, and colour and words say enough.
 */
export function StatusCounters({ counts, always }: StatusCountersProps) {
  const shown = ROW_STATUSES.filter((status) => counts[status] > 0 || always.includes(status));
  return (
    <Text wrap="truncate-end">
      {shown.map((status, index) => (
        <Text key={status}>
          {index === 0 ? '' : '  '}
          <ThemedText color={STATUS_COLORS[status]}>{status}</ThemedText>
          {` ${counts[status]}`}
        </Text>
      ))}
    </Text>
  );
}
