import { CancelledError, UsageError } from '../core/errors.js';
import { t } from '../i18n/messages.js';
import { createEventHub } from '../core/event-hub.js';
import type { PolicyRow } from '../core/policy-row.js';
import type { RowResult } from '../core/result.js';
import type { LanedApi } from '../core/tcr-api.js';
import { inputFingerprint } from '../services/input-fingerprint.js';
import { lockOut } from '../services/out-lock.js';
import { RunControl } from '../services/engine/run-control.js';
import { finishDryRun } from './finish-run.js';
import { interactive } from './interactive.js';
import { planDryRunRows, planLiveRunRows } from './prepare-run.js';
import { readBatchRecord, type BatchRecord } from './read-batch-record.js';
import type { RunRequest } from './run-request.js';
import { runDryRunWithFaces, sendPrepared, stoppingOnSignals } from './run-with-faces.js';
import { finishBeforeSending, unsentResults } from './stop-before-sending.js';

/** A run of policy rows: what `create`, `batch`, the wizard, `demo` and `rollback` hand the shared path. */
export interface SendRequest extends RunRequest<PolicyRow, RowResult> {
  readonly rows: readonly PolicyRow[];
  /** Rows settled before sending (invalid with --skip-invalid). */
  readonly settled: readonly RowResult[];
  /** The API to send through; made from credentials when absent (the demo passes its own). */
  readonly api?: () => Promise<LanedApi>;
  /** Ask before a live run on a terminal (the demo does not: nothing real is at stake). */
  readonly confirm: boolean;
}

/**
 * Everything between validated rows and an exit code, in three steps: prepare (the batch's record:
 * the --resume file, or earlier runs' journals in this place; the --yes rule, the --out lock, then the plan and the confirmation), run with the faces
 * subscribed, and finish (journal, coverage, and the export, written even when a step before it failed).
 * A signal at any step after the lock stops the run with every row's result written.
 */
export async function sendRows(req: SendRequest): Promise<number> {
  const { options } = req;
  const input = inputFingerprint(req.rows, req.settled);
  const record = await readBatchRecord(req, input, process.stderr);
  if (!options.dryRun && req.confirm && !options.yes && !interactive()) {
    throw new UsageError(t('run.needsYes'), t('run.needsYesHint'));
  }
  const control = new RunControl();
  return stoppingOnSignals(control, async () => {
    const lock = options.out ? lockOut(options.out) : undefined;
    try {
      return await (options.dryRun ? dryRun(req, record, input, control) : liveRun(req, record, input, control));
    } finally {
      lock?.release();
    }
  });
}

async function dryRun(req: SendRequest, record: BatchRecord | undefined, input: string, control: RunControl): Promise<number> {
  const resume = record?.resume;
  const prepared = await planDryRunRows(req, resume, control.stopSignal);
  if (control.stopping) return finishBeforeSending(req, input, unsentResults(req, resume, prepared));
  return finishDryRun(req, runDryRunWithFaces(req, prepared, createEventHub()));
}

async function liveRun(req: SendRequest, record: BatchRecord | undefined, input: string, control: RunControl): Promise<number> {
  const resume = record?.resume;
  const api = await (req.api ?? (await import('./make-api.js')).makeApi(req.options))();
  try {
    const prepared = control.stopping ? undefined : await planLiveRunRows(req, record, api, control).catch(stopOnCancel(control));
    // Stopped before sending: its journal still carries the batch's record forward, so the resume line names a whole record.
    if (control.stopping || !prepared) return await finishBeforeSending(req, input, unsentResults(req, resume, prepared), record?.carried);
    return await sendPrepared({ ...req, afterRun: coverageOf(req) }, api, prepared, input, control);
  } finally {
    await api.close?.();
  }
}

/** After a batch, the coverage line (it reads); create has a face of its own, and --no-preflight asked for no reads. */
function coverageOf(req: SendRequest): RunRequest['afterRun'] {
  if (req.face || !req.options.preflight) return undefined;
  return async (api, results, hub) => (await import('./emit-coverage.js')).emitCoverage(api, req.rows, results, hub, !req.options.plain);
}

/** Ctrl-C at the question is a stop like any other before sending (its terminal is in raw mode: no signal). */
function stopOnCancel(control: RunControl): (error: unknown) => undefined {
  return (error) => {
    if (!(error instanceof CancelledError)) throw error;
    control.stop();
    return undefined;
  };
}
