/** One page of a list, the way Offset/Limit work in most TencentCloud APIs (Offset counts items). */
export function pageOf<T>(items: readonly T[], offset: number, limit: number): T[] {
  return items.slice(offset, offset + limit);
}

/** Page `page` (from 0, as the example `"Offset": 0` reads) of `limit` items each. */
export function pageNumbered<T>(items: readonly T[], page: number, limit: number): T[] {
  return pageOf(items, page * limit, limit);
}

/** A fixed creation time for seeded resources, so answers do not change from run to run. */
export const SEEDED_AT = '2023-11-15T06:13:20+08:00';

/** Page `page` (from 1, as DescribeImages documents: limit 20 offset 2 is items 21–40) of `limit` items each. */
export function pageFromOne<T>(items: readonly T[], page: number, limit: number): T[] {
  return pageOf(items, (page - 1) * limit, limit);
}
