import type { TouchedCoverage } from './coverage-records.js';
import type { PlanSummary } from './plan-summary.js';
import type { RequestPreview } from './request-preview.js';
import type { RowStatus, StatusCounts } from './result.js';
import type { ItemIdentity, ItemResult } from './work-item.js';

/**
 * What a batch run reports as it goes. The plain reporter, `--json` and the Ink dashboard all
 * subscribe to the same stream; none of them owns the queue.
 */
export type BatchEvent =
  | ({
      /**
       * The preflight's verdicts (before `start`, only when it ran): counts of create / skip / blocked,
       * then the rows that will not be sent and why. Those rows still get their `row-done`.
       */
      readonly type: 'plan';
    } & PlanSummary)
  | {
      readonly type: 'start';
      /** Rows that will be sent (or previewed) in this run. */
      readonly total: number;
      /** Rows already settled before sending (invalid, resumed, skipped by plan). */
      readonly settled: number;
      readonly endpoint: string;
      readonly regions: readonly string[];
      readonly registries: readonly string[];
      /** Requests per second cap. */
      readonly rate: number;
      readonly dryRun: boolean;
      /** Path of the journal this run appends to, when live. */
      readonly journal?: string;
      /**
       * The API action each row sends, named only for a run that does something other than create
       * (rollback: DeleteSignaturePolicy); creating policies is what the tool is for.
       */
      readonly action?: string;
      /** What a row that works ends as (`created`, or `deleted` in a rollback): the faces count it even at zero. */
      readonly doneStatus: RowStatus;
      /**
       * Set when the items are still arriving (a listing still going on): `total` and `settled` are what
       * is known so far, and grow; a `listed` event says when they are final.
       */
      readonly counting?: true;
    }
  | {
      /** A request for this row is about to go out (attempt 1..maxAttempts). */
      readonly type: 'row-start';
      readonly line: number;
      readonly key: string;
      readonly attempt: number;
    }
  | {
      /** The attempt failed with a retryable error; the row waits delayMs before trying again. */
      readonly type: 'row-retry';
      readonly line: number;
      readonly key: string;
      readonly attempt: number;
      readonly errorCode: string;
      readonly delayMs: number;
    }
  | {
      /** The row has its one final result. */
      readonly type: 'row-done';
      readonly result: ItemResult;
      /** How the faces name the item (its kind's label); the engine and the dry run always give it. */
      readonly label?: string;
      /** An explanation beyond the error, e.g. how an unknown outcome was resolved. */
      readonly note?: string;
      /** RequestIds of every attempt, when there was more than one (the result holds the last). */
      readonly requestIds?: readonly string[];
      /** In a dry run: what would have been sent. */
      readonly request?: RequestPreview;
    }
  | {
      readonly type: 'progress';
      readonly done: number;
      readonly total: number;
      readonly inFlight: number;
      /** Request starts per second over the last few seconds. */
      readonly rate: number;
      readonly elapsedMs: number;
      /** Estimated time left, or undefined before there is anything to estimate from. */
      readonly etaMs: number | undefined;
      readonly counts: StatusCounts;
      readonly paused: boolean;
      /** Set while the items are still arriving: `total` is what is known so far. */
      readonly counting?: true;
    }
  | {
      /** A run whose items arrived as it went (its `start` said `counting`): the source has ended, the totals are final. */
      readonly type: 'listed';
      /** Items sent (or to send) in this run. */
      readonly total: number;
      /** Items settled without sending (skipped, blocked). */
      readonly settled: number;
    }
  | {
      /** The run stops starting new requests; rows in flight finish. */
      readonly type: 'stopping';
      readonly reason: StopReason;
    }
  | {
      readonly type: 'end';
      readonly counts: StatusCounts;
      readonly elapsedMs: number;
      readonly interrupted: boolean;
    }
  | {
      /** After `end` of a live run: the signing coverage, read afresh, of each registry its rows name. */
      readonly type: 'coverage';
      readonly registries: readonly TouchedCoverage[];
    };

/** Why a run stops: asked to (Ctrl-C, q), refused credentials, an endpoint refusing connections, a listing that failed while the run went on, or a second stop. The faces say it in words. */
export type StopReason = 'interrupt' | 'auth-failure' | 'unreachable' | 'redis-lost' | 'journal-failed' | 'listing-failed' | 'abort';

export type BatchEventListener = (event: BatchEvent) => void;

/** Where a face (dashboard, plain lines, JSON) gets its events from. Returns an unsubscribe function. */
export interface BatchEventSource {
  subscribe(listener: BatchEventListener): () => void;
}

/** What a face may ask of a running batch. The runner owns the queue; faces only ask. */
export interface BatchControls {
  /** Stop starting new requests until resume(). Rows in flight finish. */
  pause(): void;
  resume(): void;
  /** First call: graceful stop (drain in-flight rows). Second call: abort at once. */
  stop(): void;
}

/**
 * The `start` event of a run (or a preview) of these items, named by their identities: where they go, and
 * how fast. Each identity is made and dropped in turn (a 50 MB file's rows are not copied to be counted).
 */
export function startEventOf<I>(
  items: readonly I[],
  identity: (item: I) => Pick<ItemIdentity, 'Region' | 'RegistryId'>,
  settled: number,
  run: { readonly endpoint: string; readonly rate: number; readonly dryRun: boolean; readonly journal?: string; readonly operation: { readonly action: string; readonly doneStatus: RowStatus } },
): Extract<BatchEvent, { type: 'start' }> {
  const regions = new Set<string>();
  const registries = new Set<string>();
  for (const item of items) {
    const id = identity(item);
    regions.add(id.Region);
    registries.add(id.RegistryId);
  }
  return {
    type: 'start',
    total: items.length,
    settled,
    endpoint: run.endpoint,
    regions: [...regions].sort(),
    registries: [...registries].sort(),
    rate: run.rate,
    dryRun: run.dryRun,
    ...(run.journal ? { journal: run.journal } : {}),
    ...(run.operation.doneStatus === 'created' ? {} : { action: run.operation.action }),
    doneStatus: run.operation.doneStatus,
  };
}

/** How a finished item is named: its kind's label, or `registry/namespace` for an event that carries none. */
export function labelOf(event: Extract<BatchEvent, { type: 'row-done' }>): string {
  return event.label ?? `${event.result.RegistryId || '?'}/${event.result.NamespaceName || '?'}`;
}
