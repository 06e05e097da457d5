import type { PolicyRow } from '../../core/policy-row.js';
import type { RowResult } from '../../core/result.js';
import type { RowAction } from '../../core/row-action.js';
import type { TcrApi } from '../../core/tcr-api.js';
import type { ItemResult } from '../../core/work-item.js';

/**
 * An operation the engine runs over items: a RowAction with its one I/O, checking after an
 * unanswered attempt whether the change was made. A new operation is a value of this type
 * (services/policy-operations.ts holds the policies'); the engine needs nothing else.
 */
export interface RowOperation<I = PolicyRow, R extends ItemResult = RowResult> extends RowAction<I, R> {
  /**
   * After an earlier attempt had no answer: was the change ours? Checked, not guessed. `doneBefore`
   * says what the plan saw before this run (true: already in place; false: not; undefined: unknown).
   */
  confirm(api: TcrApi, item: I, signal: AbortSignal, doneBefore?: (item: I) => boolean | undefined): Promise<{ done: boolean; note: string }>;
}
