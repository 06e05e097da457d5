import { startEventOf, type BatchEventListener } from '../core/batch-events.js';
import type { PlanSummary } from '../core/plan-summary.js';
import type { PolicyRow } from '../core/policy-row.js';
import { previewRequest } from '../core/request-preview.js';
import { countStatuses, identityOf, resultOf, type RowResult } from '../core/result.js';
import { previewOperation, type RowOperation } from '../services/policy-operations.js';

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
    now?: () => number;
    /** The preflight's verdicts, announced first; its skipped and blocked rows are among `settled`. */
    plan?: PlanSummary;
    /** What each row would send; CreateSignaturePolicy by default. */
    operation?: RowOperation;
  },
): RowResult[] {
  const now = context.now ?? Date.now;
  const started = now();
  const { onEvent, operation } = context;
  const preview = operation ? (row: PolicyRow, endpoint: string) => previewOperation(operation, row, endpoint) : previewRequest;
  if (context.plan) onEvent({ type: 'plan', ...context.plan });
  onEvent(startEventOf(rows, settled.length, { endpoint: context.endpoint, rate: context.rate, dryRun: true, action: operation?.action }));
  for (const result of settled) onEvent({ type: 'row-done', result });
  const results = [...settled];
  for (const row of rows) {
    const result = resultOf(identityOf(row), 'dry-run');
    results.push(result);
    onEvent({ type: 'row-done', result, request: preview(row, context.endpointOf?.(row.region) ?? context.endpoint) });
  }
  onEvent({ type: 'end', counts: countStatuses(results), elapsedMs: now() - started, interrupted: false });
  return results;
}
