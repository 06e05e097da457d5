import type { SendOptions } from '../cli/send-options.js';
import type { BatchEventListener } from '../core/batch-events.js';
import type { createEventHub } from '../core/event-hub.js';
import type { PlanSummary } from '../core/plan-summary.js';
import type { PolicyRow } from '../core/policy-row.js';
import type { RowResult } from '../core/result.js';
import type { TcrApi } from '../core/tcr-api.js';
import type { ItemResult } from '../core/work-item.js';
import type { ItemChunk } from '../services/engine/item-source.js';
import type { RowOperation } from '../services/engine/operation.js';
import type { RunBatchOptions } from '../services/engine/run-batch.js';
import type { CarriedRecord } from '../services/journal.js';

/**
 * What the shared sending path (journal, faces, engine, export, closing lines) needs of a run, whatever
 * its items are: policy rows (`create`, `batch`, the wizard, `demo`, `rollback`) or image tags (`sign-images`).
 */
export interface RunRequest<I = PolicyRow, R extends ItemResult = RowResult> {
  readonly options: SendOptions;
  /** What each item sends, and what the items are (their kind). */
  readonly operation: RowOperation<I, R>;
  /** A face for a single row (create) instead of the batch reporters. */
  readonly face?: BatchEventListener;
  /** Where the journal goes when there is no --out (default: the working directory). */
  readonly journalDir?: string;
  /** `journalDir` is a scratch folder the caller removes after the run (the demo's): its journal is named nowhere at the end. */
  readonly scratchJournals?: boolean;
  /** The input file, which the export offered at the end is named after: `<input>.results.csv`. */
  readonly input?: string;
  /** The command line (after `tcr-sigpolicy`) that runs this again: the resume line is built from it. */
  readonly rerun?: readonly string[];
  /** Never offer an export at the end (the demo's signing step: its batch already offered one). */
  readonly noExportOffer?: boolean;
  /** After a live run that was not interrupted, before the export: what the run reads to close (batch's coverage line). */
  readonly afterRun?: (api: TcrApi, results: readonly R[], hub: ReturnType<typeof createEventHub>) => Promise<void>;
  /**
   * Told once a live run has finished (not stopped) and its closing lines are out: every result, and the
   * file that records it (the export, else the journal). The wizard offers to sign what a batch created.
   */
  readonly finished?: (results: Iterable<R>, record: string | undefined) => void;
  /** Lines of the kind's own said first in the closing block (sign-images: what was signed, and that it cannot be undone). */
  readonly summary?: (results: Iterable<R>) => readonly string[];
}

/** What a run sends and what it reports without sending, once resume and plan have had their say. */
export interface PreparedRun<I = PolicyRow, R extends ItemResult = RowResult> {
  readonly toSend: readonly I[];
  /** Items still arriving, sent as they come (sign-images --yes: its listing, page by page), in place of `toSend`. */
  readonly source?: AsyncIterable<ItemChunk<I, R>>;
  /** Where a `source` sends, for the start event (its items are not listed yet). */
  readonly where?: RunBatchOptions<I, R>['where'];
  /** Every item settled before sending: the request's, the resume's, the plan's (in that order). */
  readonly settled: readonly R[];
  readonly plan?: PlanSummary;
  /** The plan was shown with the confirmation question, so the plain face does not show it again. */
  readonly planShown: boolean;
  /** Whether the change was in place before this run: the plan's view, or a resume check's. */
  readonly signingBefore: (item: I) => boolean | undefined;
  /** Keys a resume check saw not done, or the record left unknown: a request of an earlier run may still land first. */
  readonly unknownBefore: ReadonlySet<string>;
  /** The batch's own earlier creations, for rows sent again without a plan (--no-preflight) and answered that they exist. */
  readonly doneEarlier?: RunBatchOptions<I, R>['doneEarlier'];
  /** What the journal copies forward from the earlier record before anything is sent. */
  readonly carried?: CarriedRecord;
  /** When the run began, before its checks: the elapsed time a face shows counts them. */
  readonly startedAt: number;
}
