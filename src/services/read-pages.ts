import type { ApiOutcome, FailedOutcome } from '../core/api-outcome.js';

export type Item = Readonly<Record<string, unknown>>;

/**
 * Every item of a paged list, Offset counting items (as the emulator and most TencentCloud lists do):
 * page after page until TotalCount, an empty page or `maxPages`, so it never loops. A failed page
 * goes to `failed`, which throws; the caller sees from `total` how many it missed.
 */
export async function readPages(
  fetchPage: (offset: number) => Promise<ApiOutcome>,
  listField: string,
  failed: (failure: FailedOutcome) => never,
  maxPages = Infinity,
): Promise<{ items: Item[]; total: number }> {
  const items: Item[] = [];
  let total = Infinity;
  for (let page = 0; page < maxPages && items.length < total; page++) {
    const outcome = await fetchPage(items.length);
    if (!outcome.ok) failed(outcome);
    const list = outcome.response?.[listField];
    const batch = Array.isArray(list) ? (list as Item[]) : [];
    items.push(...batch);
    total = typeof outcome.response?.TotalCount === 'number' ? outcome.response.TotalCount : items.length;
    if (batch.length === 0) break;
  }
  return { items, total };
}
