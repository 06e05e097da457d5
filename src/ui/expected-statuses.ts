import type { RowStatus } from '../core/result.js';
import type { RunInfo } from './dashboard-state.js';

/** The statuses a run is about, shown even at zero: a dry run previews, a rollback deletes, others create. */
export function expectedStatuses(run: RunInfo): readonly RowStatus[] {
  if (run.dryRun) return ['dry-run'];
  return [run.doneStatus, 'failed'];
}
