import { startEventOf, type BatchEventListener } from './batch-events.js';
import type { PlanSummary } from './plan-summary.js';
import type { PolicyRow } from './policy-row.js';
import { countStatuses, type RowResult } from './result.js';
import { previewAction, type RowAction } from './row-action.js';
import type { ItemResult } from './work-item.js';

/** Previews every item: emits the same events as a live run, with the request each item would send. */
export function runDryRun<I = PolicyRow, R extends ItemResult = RowResult>(
  items: readonly I[],
  settled: readonly R[],
  context: {
    endpoint: string;
    /** Where one item's request would go (with --endpoint per region, not always `endpoint`). */
    endpointOf?: (region: string) => string;
    rate: number;
    onEvent: BatchEventListener;
    /** The clock, for the elapsed time of `end`. */
    now: () => number;
    /** When the run began (before its plan), if earlier than this call: the elapsed time counts the check. */
    startedAt?: number;
    /** The preflight's verdicts, announced first; its skipped and blocked items are among `settled`. */
    plan?: PlanSummary;
    /** What each item would send. */
    operation: RowAction<I, R>;
  },
): R[] {
  const { onEvent, operation, now } = context;
  const kind = operation.item;
  const started = context.startedAt ?? now();
  const ids = items.map((item) => kind.identity(item));
  if (context.plan) onEvent({ type: 'plan', ...context.plan });
  onEvent(startEventOf(ids, settled.length, { endpoint: context.endpoint, rate: context.rate, dryRun: true, operation }));
  for (const result of settled) onEvent({ type: 'row-done', result, label: kind.label(result) });
  const results = [...settled];
  items.forEach((item, i) => {
    const id = ids[i] as (typeof ids)[number];
    const result = kind.result(id, 'dry-run');
    results.push(result);
    onEvent({ type: 'row-done', result, label: kind.label(id), request: previewAction(operation, item, context.endpointOf?.(id.Region) ?? context.endpoint) });
  });
  onEvent({ type: 'end', counts: countStatuses(results), elapsedMs: now() - started, interrupted: false });
  return results;
}
