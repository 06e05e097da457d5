import { startEventOf, type BatchEventListener } from './batch-events.js';
import type { PlanSummary } from './plan-summary.js';
import type { PolicyRow } from './policy-row.js';
import { countStatuses, type RowResult } from './result.js';
import { previewAction, type RowAction } from './row-action.js';
import type { ItemKind, ItemResult } from './work-item.js';

/**
 * Previews every item: emits the same events as a live run, with the request each item would send.
 * Returns the preview's results in line order, made again on each pass rather than kept: a preview of a
 * 50 MB file holds its rows, not a second copy of them as results.
 */
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
): Iterable<R> {
  const { onEvent, operation, now } = context;
  const kind = operation.item;
  const started = context.startedAt ?? now();
  if (context.plan) onEvent({ type: 'plan', ...context.plan });
  onEvent(startEventOf(items, (item) => kind.identity(item), settled.length, { endpoint: context.endpoint, rate: context.rate, dryRun: true, operation }));
  for (const result of settled) onEvent({ type: 'row-done', result, label: kind.label(result) });
  for (const item of items) {
    const id = kind.identity(item);
    onEvent({ type: 'row-done', result: kind.result(id, 'dry-run'), label: kind.label(id), request: previewAction(operation, item, context.endpointOf?.(id.Region) ?? context.endpoint) });
  }
  const counts = countStatuses(settled);
  counts['dry-run'] += items.length;
  onEvent({ type: 'end', counts, elapsedMs: now() - started, interrupted: false });
  return previewResults(items, settled, kind);
}

/** The settled results and each item's `dry-run` result, merged in line order (settled first on a tie). */
function previewResults<I, R extends ItemResult>(items: readonly I[], settled: readonly R[], kind: ItemKind<I, R>): Iterable<R> {
  const order = inLineOrder(items, (item) => kind.identity(item).line);
  const done = inLineOrder(settled, (result) => result.line);
  return {
    *[Symbol.iterator]() {
      let s = 0;
      for (const item of order) {
        const id = kind.identity(item);
        for (; s < done.length && (done[s] as R).line <= id.line; s++) yield done[s] as R;
        yield kind.result(id, 'dry-run');
      }
      for (; s < done.length; s++) yield done[s] as R;
    },
  };
}

/** The list itself when it is in line order already (no copy), else a copy sorted by line. */
function inLineOrder<T>(list: readonly T[], lineOf: (x: T) => number): readonly T[] {
  for (let i = 1; i < list.length; i++) {
    if (lineOf(list[i - 1] as T) > lineOf(list[i] as T)) {
      return list.map((x) => ({ line: lineOf(x), x })).sort((a, b) => a.line - b.line).map(({ x }) => x);
    }
  }
  return list;
}
