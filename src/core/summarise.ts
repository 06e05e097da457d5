/** Lines shown per kind of problem before the rest are counted (SPEC: a 100,000-row mistake is not 100,000 lines). */
export const SHOWN_PER_KIND = 20;

/** An item to show, or how many more of the same kind were left out (placed right after the last one shown). */
export type Summarised<T> = { readonly item: T } | { readonly more: number };

/**
 * At most `max` items of each kind, in their order, each kind's left-out count right after its last
 * shown item. Exports and --json keep every row; this is for what a person reads.
 */
export function summarisePerKind<T>(items: readonly T[], kindOf: (item: T) => string, max = SHOWN_PER_KIND): Summarised<T>[] {
  const total = new Map<string, number>();
  for (const item of items) total.set(kindOf(item), (total.get(kindOf(item)) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out: Summarised<T>[] = [];
  for (const item of items) {
    const kind = kindOf(item);
    const n = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, n);
    if (n > max) continue;
    out.push({ item });
    const left = (total.get(kind) ?? 0) - max;
    if (n === max && left > 0) out.push({ more: left });
  }
  return out;
}
