/**
 * Like Promise.all, but ends only when every promise has: a failure is thrown once the others have
 * settled too, so no read is still in flight (and missing from the count of calls) when it is reported.
 */
export async function settleAll<T extends readonly unknown[]>(promises: readonly [...{ [K in keyof T]: Promise<T[K]> }]): Promise<T>;
export async function settleAll<T>(promises: readonly Promise<T>[]): Promise<T[]>;
export async function settleAll(promises: readonly Promise<unknown>[]): Promise<unknown[]> {
  const outcomes = await Promise.allSettled(promises);
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
  return outcomes.map((o) => (o as PromiseFulfilledResult<unknown>).value);
}
