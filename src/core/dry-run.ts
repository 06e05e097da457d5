import { startEventOf, type BatchEventListener } from './batch-events.js';
import type { PlanSummary } from './plan-summary.js';
import type { PolicyRow } from './policy-row.js';
import { countStatuses, identityOf, resultOf, type RowResult } from './result.js';
import { previewAction, type RowAction } from './row-action.js';

/** Previews every row: emits the same events as a live run, with the request each row would send. */
export function runDryRun(
  rows: readonly PolicyRow[],
  settled: readonly RowResult[],
  context: {
    endpoint: string;
    /** Where one row's request would go (with --endpoint per region, not always `endpoint`). */
    endpointOf?: (region: string) => string;
    rate: number;
    onEvent: BatchEventListener;
    /** The clock, for the elapsed time of `end`. */
    now: () => number;
    /** When the run began (before its plan), if earlier than this call: the elapsed time counts the check. */
    startedAt?: number;
    /** The preflight's verdicts, announced first; its skipped and blocked rows are among `settled`. */
    plan?: PlanSummary;
    /** What each row would send. */
    operation: RowAction;
  },
): RowResult[] {
  const { onEvent, operation, now } = context;
  const started = context.startedAt ?? now();
  if (context.plan) onEvent({ type: 'plan', ...context.plan });
  onEvent(startEventOf(rows, settled.length, { endpoint: context.endpoint, rate: context.rate, dryRun: true, operation }));
  for (const result of settled) onEvent({ type: 'row-done', result });
  const results = [...settled];
  for (const row of rows) {
    const result = resultOf(identityOf(row), 'dry-run');
    results.push(result);
    onEvent({ type: 'row-done', result, request: previewAction(operation, row, context.endpointOf?.(row.region) ?? context.endpoint) });
  }
  onEvent({ type: 'end', counts: countStatuses(results), elapsedMs: now() - started, interrupted: false });
  return results;
}
