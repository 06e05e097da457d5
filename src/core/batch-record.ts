import type { PriorRecord, RowRecord } from './journal-lines.js';
import type { RowResult } from './result.js';
import { outcomeUnknown } from './unknown-outcome.js';
import type { ItemKind, ItemResult, RowStatus } from './work-item.js';

/** Where a batch stands for one row key after every record read so far. */
export interface KeyState<R extends ItemResult = RowResult> {
  readonly last: RowRecord<R>;
  /** Some run's plan (or a resume's check) saw the namespace not signing before the batch touched it. */
  readonly notSigningBefore: boolean;
  /** The row's first attempt since it was last settled. */
  readonly startedAt: string;
}

/**
 * Each row key's state after the records, read in order (later records supersede earlier ones).
 * `baseline`: keys an earlier run saw not signing when the records do not say so themselves (an
 * export, whose run's journal holds its intents). Run lines say nothing about a row and are passed over.
 */
export function statesOf<R extends ItemResult = RowResult>(records: readonly PriorRecord<R>[], baseline: ReadonlySet<string> = new Set()): Map<string, KeyState<R>> {
  const states = new Map<string, KeyState<R>>();
  for (const record of records) {
    if (record.kind === 'run') continue;
    const state = states.get(record.key);
    const notSigningBefore = (state?.notSigningBefore ?? baseline.has(record.key)) || (record.kind === 'intent' && record.notSigningBefore);
    const at = record.kind === 'intent' ? record.at : record.result.startedAt;
    const startedAt = state && state.last.kind === 'intent' ? state.startedAt : at;
    states.set(record.key, { last: record, notSigningBefore, startedAt });
  }
  return states;
}

/**
 * The smallest list of records that reads back to the same states: what a resumed run copies into its
 * own journal before it sends anything, so its journal alone is the batch's record. A baseline
 * travels as an intent line ahead of the row's result; an unfinished row stays an intent.
 */
export function compactRecords<R extends ItemResult = RowResult>(states: ReadonlyMap<string, KeyState<R>>, keep: (key: string) => boolean): RowRecord<R>[] {
  const out: RowRecord<R>[] = [];
  for (const [key, state] of states) {
    if (!keep(key)) continue;
    const { last } = state;
    if (last.kind === 'intent') {
      out.push({ ...last, at: state.startedAt, notSigningBefore: state.notSigningBefore });
      continue;
    }
    if (state.notSigningBefore) {
      out.push({ kind: 'intent', key, run: last.run, input: last.input, attempt: last.result.attempts, at: state.startedAt, notSigningBefore: true });
    }
    out.push(last);
  }
  return out;
}

/**
 * What an earlier run of the batch made of a key, as far as its record tells: `created` with that
 * run's result (its `done` status: a policy `created`, a tag `signed`), or `unknown` when its attempt
 * had no answer and its baseline says the change was not in place before (so finding it in place now
 * means the batch made it).
 */
export function madeByBatch<R extends ItemResult = RowResult>(state: KeyState<R> | undefined, done: RowStatus = 'created'): { readonly created: R } | { readonly unknown: true } | undefined {
  if (!state) return undefined;
  const { last } = state;
  if (last.kind === 'result' && last.result.status === done) return { created: last.result };
  const unknown = last.kind === 'intent' || outcomeUnknown(last.result);
  return unknown && state.notSigningBefore ? { unknown: true } : undefined;
}

/** The record leaves the key unknown (an attempt with no answer, the change not in place before): a request of an earlier run may still land. */
export function leftUnknown<R extends ItemResult = RowResult>(state: KeyState<R> | undefined, done: RowStatus = 'created'): boolean {
  const made = madeByBatch(state, done);
  return made !== undefined && 'unknown' in made;
}

/** What attributing a plan's rows to the batch needs of their kind: its done status, and how it makes a result. */
export interface DoneKind<R extends ItemResult> {
  readonly done: RowStatus;
  readonly kind: Pick<ItemKind<unknown, R>, 'result'>;
}

/**
 * A plan's `skipped` rows (the change in place already) that an earlier run of this batch made: its
 * done status (`created`, `signed`), with that run's RequestId and times and a note, so the last results
 * file is still the one to roll back (or to read). `stateOf` gives the batch record's state for a result's key.
 */
export function attributeToBatch<R extends ItemResult>(settled: readonly R[], stateOf: (result: R) => KeyState<R> | undefined, note: (result: R, earlier: R | undefined) => string, { done, kind }: DoneKind<R>): R[] {
  return settled.map((r) => {
    if (r.status !== 'skipped') return r;
    const made = madeByBatch(stateOf(r), done);
    if (!made) return r;
    const earlier = 'created' in made ? made.created : undefined;
    return kind.result(r, done, {
      RequestId: earlier?.RequestId, attempts: earlier?.attempts ?? 0,
      startedAt: earlier?.startedAt ?? r.startedAt, finishedAt: earlier?.finishedAt ?? r.finishedAt, ErrorMessage: note(r, earlier),
    });
  });
}
