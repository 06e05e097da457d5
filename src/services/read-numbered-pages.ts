import type { ApiOutcome, FailedOutcome } from '../core/api-outcome.js';
import type { Item } from './read-pages.js';

/** Pages of 100, the most DescribeRepositories and DescribeImages give. */
export const NUMBERED_PAGE = 100;

const listOf = (outcome: ApiOutcome, field: string): Item[] => {
  const list = outcome.ok ? outcome.response?.[field] : undefined;
  return Array.isArray(list) ? (list as Item[]) : [];
};
const totalOf = (outcome: ApiOutcome, fallback: number): number =>
  outcome.ok && typeof outcome.response?.TotalCount === 'number' ? outcome.response.TotalCount : fallback;

/**
 * Every item of a list whose `Offset` is a page number, right whichever way the server counts pages:
 * from 1 as DescribeImages documents (0 then reads as the first page, or is refused), or from 0. Page 1
 * is asked first; when it does not hold everything, page 0 tells the readings apart (the same first
 * item, or a refusal: pages count from 1; another: from 0, and page 1 was the second page). Never loops:
 * it stops at TotalCount or an empty page.
 */
export async function readNumberedPages(fetchPage: (offset: number) => Promise<ApiOutcome>, listField: string, failed: (failure: FailedOutcome) => never): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of numberedPages(fetchPage, listField, failed)) items.push(...page);
  return items;
}

/** The same list, page by page as each is answered (in list order), for a caller that acts on the first before the last. */
export async function* numberedPages(fetchPage: (offset: number) => Promise<ApiOutcome>, listField: string, failed: (failure: FailedOutcome) => never): AsyncGenerator<Item[]> {
  const one = await fetchPage(1);
  if (!one.ok) failed(one);
  const first = listOf(one, listField);
  const total = totalOf(one, first.length);
  if (first.length >= total) {
    if (first.length > 0) yield first;
    return;
  }
  // Page 1 waits for page 0 to say whether it was the first page or the second.
  const zero = await fetchPage(0);
  const zeroItems = listOf(zero, listField);
  const fromZero = zero.ok && zeroItems.length > 0 && JSON.stringify(zeroItems[0]) !== JSON.stringify(first[0]);
  let seen = first.length;
  if (fromZero) {
    seen += zeroItems.length;
    yield zeroItems;
  }
  yield first;
  for (let page = 2; seen < total; page++) {
    const next = await fetchPage(page);
    if (!next.ok) failed(next);
    const batch = listOf(next, listField);
    if (batch.length === 0) break;
    seen += batch.length;
    yield batch;
  }
}
