import type { RowResult } from './result.js';
import type { ItemResult } from './work-item.js';

/** What every journal line says about where it comes from. */
export interface RunStamp {
  /** The run that wrote the line (see newRunId). */
  readonly run: string;
  /** Fingerprint of the input rows, so a resume can tell the same CSV from another. */
  readonly input: string;
}

/** The journal's first line: where the run sent, so a rollback of it can refuse to delete elsewhere. */
export interface RunLine extends RunStamp {
  readonly kind: 'run';
  /** The --endpoint texts the run was given; none: the public endpoint. */
  readonly endpoint: readonly string[];
}

/** An attempt about to be sent. A row whose last line is an intent has an unknown outcome. */
export interface IntentLine extends RunStamp {
  readonly kind: 'intent';
  /** The item's key (its kind's): `RegistryId/NamespaceName` for a policy. */
  readonly key: string;
  readonly line: number;
  readonly attempt: number;
  readonly at: string;
  /** The plan (or a resume's check) saw the namespace not signing before this batch touched it. */
  readonly baseline?: 'not-signing';
}

/** An item's final result, as exported (every column of its kind), plus what the journal keeps besides. */
export interface ResultLine extends RunStamp, ItemResult {
  readonly kind: 'result';
  readonly key: string;
  readonly requestIds?: readonly string[];
  readonly note?: string;
}

/**
 * One record of an earlier run, from a journal or a results export (exports carry no run, input,
 * intent or baseline). Only what resume and rollback need.
 */
export type PriorRecord =
  | { readonly kind: 'intent'; readonly key: string; readonly run?: string; readonly input?: string; readonly attempt: number; readonly at: string; readonly notSigningBefore: boolean }
  | { readonly kind: 'result'; readonly key: string; readonly run?: string; readonly input?: string; readonly result: RowResult; readonly note?: string };
