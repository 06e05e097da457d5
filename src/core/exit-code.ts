import type { StatusCounts } from './result.js';

/**
 * One place decides the exit code of a run: 130 interrupted; 1 when any row did not end well
 * (failed, not sent, or invalid and skipped); 0 when every row was created, skipped or previewed.
 */
export function exitCodeFor(counts: StatusCounts, interrupted: boolean): number {
  if (interrupted) return 130;
  return counts.failed + counts['not-sent'] + counts.invalid > 0 ? 1 : 0;
}
