import { createEventHub } from '../core/event-hub.js';
import { runDryRun } from '../core/dry-run.js';
import type { RowResult } from '../core/result.js';
import type { LanedApi } from '../core/tcr-api.js';
import type { ItemResult } from '../core/work-item.js';
import { journalPathFor, newRunId, openJournal, type CarriedRecord, type Journal } from '../services/journal.js';
import type { RunControl } from '../services/engine/run-control.js';
import { bufferSource } from '../ui/buffered-source.js';
import { createJsonReporter } from '../ui/json-reporter.js';
import { createPlainReporter } from '../ui/plain-reporter.js';
import { finishLiveRun } from './finish-run.js';
import type { PreparedRun, RunRequest } from './run-request.js';
import type { SendRequest } from './send-rows.js';

type Hub = ReturnType<typeof createEventHub>;

/** A live run that has ended: its results, and what finishing it still has to close. */
export interface LiveRun<R extends ItemResult = RowResult> {
  readonly results: readonly R[];
  readonly interrupted: boolean;
  readonly journal: Journal;
  /** Settles when the face is done drawing (the dashboard unmounted). */
  readonly face: Promise<void>;
}

/**
 * Subscribes the one face of this run: the caller's (create), plain lines or JSON, or the Ink
 * dashboard on a terminal, loaded while the run starts. Returns when that face is done.
 */
export function startFace(req: Pick<RunRequest, 'face'> & { readonly options: Pick<RunRequest['options'], 'plain' | 'json' | 'quiet'> }, hub: Hub, live?: { control: RunControl; planShown: boolean; signal: AbortSignal }): Promise<void> {
  const { options } = req;
  const streams = { out: process.stdout, err: process.stderr };
  if (req.face || options.plain || !live) {
    hub.subscribe(req.face ?? (options.json ? createJsonReporter(streams) : createPlainReporter(streams, { showPlan: !live?.planShown, quiet: options.quiet })));
    return Promise.resolve();
  }
  // Ink loads asynchronously while the run starts: hold its events from now on so none is missed.
  const source = bufferSource(hub);
  return import('../ui/render-dashboard.js').then(({ renderDashboard }) => renderDashboard({ source, controls: live.control, signal: live.signal }));
}

/** A preview: the same events as a live run, each row with the request it would send. */
export function runDryRunWithFaces(req: SendRequest, prepared: PreparedRun, hub: Hub): Iterable<RowResult> {
  const { options } = req;
  void startFace(req, hub);
  return runDryRun(prepared.toSend, prepared.settled, {
    endpoint: options.endpoint.url, endpointOf: (region) => options.endpoint.forRegion(region).url,
    rate: options.rate, onEvent: hub.emit, plan: prepared.plan, operation: req.operation, now: Date.now, startedAt: prepared.startedAt,
  });
}

const STOPS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Ctrl-C, SIGTERM and SIGHUP (a closed terminal, a dropped SSH session) stop the run gracefully (the
 * control decides what a second one does) until `work` is done, whatever step it is at.
 */
export async function stoppingOnSignals<T>(control: RunControl, work: () => Promise<T>): Promise<T> {
  // After a hangup the terminal is gone: src/cli.ts drops what can no longer be written.
  const onSignal = (): void => control.stop();
  for (const signal of STOPS) process.on(signal, onSignal);
  try {
    return await work();
  } finally {
    for (const signal of STOPS) process.off(signal, onSignal);
  }
}

/**
 * This run's journal (beside --out, else where the request says): a file of its own, opened before
 * anything is sent, with the batch's earlier record carried forward.
 */
export function openRunJournal<I, R extends ItemResult>(req: RunRequest<I, R>, input: string, carried?: CarriedRecord): Promise<Journal> {
  const run = newRunId(new Date());
  return openJournal(journalPathFor(req.options.out, run, req.journalDir), { run, input }, { endpoint: req.options.endpoint.given, carried });
}

/**
 * The live run of prepared items, whatever their kind: the journal, the face, the engine, then the
 * finish (the export in a `finally`, the closing lines with the resume line). The caller holds the
 * --out lock and `stoppingOnSignals` around it.
 */
export async function sendPrepared<I, R extends ItemResult>(req: RunRequest<I, R>, api: LanedApi, prepared: PreparedRun<I, R>, input: string, control: RunControl): Promise<number> {
  const hub = createEventHub();
  return finishLiveRun(req, api, hub, await runLiveWithFaces(req, prepared, api, hub, input, control));
}

/** Opens the journal, subscribes the face, and sends through the paced API. */
export async function runLiveWithFaces<I, R extends ItemResult>(req: RunRequest<I, R>, prepared: PreparedRun<I, R>, api: LanedApi, hub: Hub, input: string, control: RunControl): Promise<LiveRun<R>> {
  const { options } = req;
  const kind = req.operation.item;
  const journal = await openRunJournal(req, input, prepared.carried);
  hub.subscribe((event) => {
    // The hub carries this run's own results, of the operation's kind.
    if (event.type === 'row-done') journal.result(kind.key(event.result as R), event.result, { requestIds: event.requestIds, note: event.note });
  });
  const faceGone = new AbortController();
  const face = startFace(req, hub, { control, planShown: prepared.planShown, signal: faceGone.signal });
  try {
    const { runBatch } = await import('../services/engine/run-batch.js');
    if (prepared.plan) hub.emit({ type: 'plan', ...prepared.plan });
    const { signingBefore } = prepared;
    const outcome = await runBatch(prepared.source ?? prepared.toSend, {
      api, control, emit: hub.emit, endpoint: options.endpoint.url, rate: options.rate,
      maxAttempts: options.maxAttempts, settled: prepared.settled, journal: journal.path, operation: req.operation, signingBefore,
      startedAt: prepared.startedAt,
      // A row sent again after a check had an unknown attempt: a request still on its way may land first.
      unknownBefore: prepared.unknownBefore,
      doneEarlier: prepared.doneEarlier,
      ...(prepared.where ? { where: prepared.where } : {}),
      // Nothing goes out before its intent is on disk: after a crash, the row is known to be unknown. An
      // intent that cannot be written (a full or vanished disk) stops the run: that row and the rest are not sent.
      beforeAttempt: (row, attempt) => {
        const id = kind.identity(row);
        return journal.intent(kind.key(id), id.line, attempt, signingBefore(row) === false).catch(() => control.stop('journal-failed'));
      },
    });
    return { ...outcome, journal, face };
  } catch (error) {
    // A runner that throws never sends `end`: take the dashboard down so the terminal is restored.
    faceGone.abort();
    throw error;
  }
}
