import { memo } from 'react';
import { Static } from 'ink';
import type { FinishedItem } from './dashboard-state.js';
import { FinishedRow } from './FinishedRow.js';

export interface FinishedRowsProps {
  /** Every finished row handed over so far; only the ones new since the last hand-over are drawn. */
  readonly items: readonly FinishedItem[];
  /** Terminal width in columns. */
  readonly width: number;
}

/**
 * The finished rows, printed once each above the live area. Memoised so that live frames which hand
 * over no new rows leave `<Static>` alone: any update to it makes Ink do an extra full render.
 */
export const FinishedRows = memo(function FinishedRows({ items, width }: FinishedRowsProps) {
  return (
    // Static's props want a mutable array; it only reads it.
    <Static items={items as FinishedItem[]}>
      {(item) => <FinishedRow key={item.seq} item={item} width={width} />}
    </Static>
  );
});
