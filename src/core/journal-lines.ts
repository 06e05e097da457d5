import type { RowResult } from './result.js';
import type { ItemResult } from './work-item.js';

/** What every journal line says about where it comes from. */
export interface RunStamp {
  /** The run that wrote the line (see newRunId). */
  readonly run: string;
  /** Fingerprint of the input rows, so a resume can tell the same CSV from another. */
  readonly input: string;
}

/**
 * A journal's first line, synced before the run names its journal: which run, for which input, sent
 * where, and which earlier records it carries forward, so the file describes itself even if nothing
 * follows (and a rollback of it can refuse to delete elsewhere).
 */
export interface RunLine extends RunStamp {
  readonly kind: 'run';
  readonly tool: 'tcr-sigpolicy';
  readonly at: string;
  /** The --endpoint texts the run was given; none: the public endpoint. Another endpoint's records are another account's. */
  readonly endpoint: readonly string[];
  /** The earlier runs whose records this journal copies forward before it sends anything. */
  readonly carries?: readonly string[];
}

/** An attempt about to be sent. A row whose last line is an intent has an unknown outcome. */
export interface IntentLine extends RunStamp {
  readonly kind: 'intent';
  /** The item's key (its kind's): `RegistryId/NamespaceName` for a policy. */
  readonly key: string;
  /** The input line (absent on a line carried forward, which names the row by key alone). */
  readonly line?: number;
  readonly attempt: number;
  readonly at: string;
  /** The plan (or a resume's check) saw the namespace not signing before this batch touched it. */
  readonly baseline?: 'not-signing';
  /** Copied forward from this earlier run's record, not attempted by the run that wrote the line. */
  readonly from?: string;
}

/** An item's final result, as exported (every column of its kind), plus what the journal keeps besides. */
export interface ResultLine extends RunStamp, ItemResult {
  readonly kind: 'result';
  readonly key: string;
  readonly requestIds?: readonly string[];
  readonly note?: string;
  /** Copied forward from this earlier run's record. */
  readonly from?: string;
}

/**
 * One record of a row by an earlier run, from a journal or a results export (exports carry no run,
 * input, intent or baseline). Only what resume and rollback need. `key` is the row's key
 * (`RegistryId/NamespaceName` for a policy): nothing here depends on what kind of item it names.
 */
export type RowRecord<R extends ItemResult = RowResult> =
  | { readonly kind: 'intent'; readonly key: string; readonly run?: string; readonly input?: string; readonly attempt: number; readonly at: string; readonly notSigningBefore: boolean }
  | { readonly kind: 'result'; readonly key: string; readonly run?: string; readonly input?: string; readonly result: R; readonly note?: string };

/** A journal's first line as read back (see RunLine). */
export interface RunRecord {
  readonly kind: 'run';
  readonly run: string;
  readonly input: string;
  readonly at: string;
}

export type PriorRecord<R extends ItemResult = RowResult> = RowRecord<R> | RunRecord;
