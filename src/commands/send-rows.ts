import type { SendOptions } from '../cli/send-options.js';
import type { BatchEventListener } from '../core/batch-events.js';
import type { ResumePlan } from '../core/apply-resume.js';
import { CancelledError, UsageError } from '../core/errors.js';
import { t } from '../i18n/messages.js';
import { createEventHub } from '../core/event-hub.js';
import type { PolicyRow } from '../core/policy-row.js';
import type { RowResult } from '../core/result.js';
import type { LanedApi } from '../core/tcr-api.js';
import { inputFingerprint } from '../services/input-fingerprint.js';
import { lockOut } from '../services/out-lock.js';
import { RunControl } from '../services/engine/run-control.js';
import type { RowOperation } from '../services/policy-operations.js';
import { finishDryRun, finishLiveRun } from './finish-run.js';
import { interactive } from './interactive.js';
import { planDryRunRows, planLiveRunRows } from './prepare-run.js';
import { readResume } from './resume-rows.js';
import { runDryRunWithFaces, runLiveWithFaces, stoppingOnSignals } from './run-with-faces.js';
import { finishBeforeSending, unsentResults } from './stop-before-sending.js';

export interface SendRequest {
  readonly rows: readonly PolicyRow[];
  /** Rows settled before sending (invalid with --skip-invalid). */
  readonly settled: readonly RowResult[];
  readonly options: SendOptions;
  /** The API to send through; made from credentials when absent (the demo passes its own). */
  readonly api?: () => Promise<LanedApi>;
  /** Ask before a live run on a terminal (the demo does not: nothing real is at stake). */
  readonly confirm: boolean;
  /** A face for a single row (create) instead of the batch reporters. */
  readonly face?: BatchEventListener;
  /** Where the journal goes when there is no --out (default: the working directory). */
  readonly journalDir?: string;
  /** The input file, which the export offered at the end is named after: `<input>.results.csv`. */
  readonly input?: string;
  /** What each row sends: CREATE_POLICY, or DELETE_POLICY for rollback. */
  readonly operation: RowOperation;
  /** The command line (after `tcr-sigpolicy`) that runs this batch again: the resume line is built from it. */
  readonly rerun?: readonly string[];
}

/**
 * Everything between validated rows and an exit code, in three steps: prepare (the --resume file,
 * the --yes rule, the --out lock, then the plan and the confirmation), run with the faces
 * subscribed, and finish (journal, coverage, and the export, written even when a step before it failed).
 * A signal at any step after the lock stops the run with every row's result written.
 */
export async function sendRows(req: SendRequest): Promise<number> {
  const { options } = req;
  const input = inputFingerprint(req.rows, req.settled);
  const resume = options.resume ? await readResume(options.resume, req.rows, input, options.force) : undefined;
  if (!options.dryRun && req.confirm && !options.yes && !interactive()) {
    throw new UsageError(t('run.needsYes'), t('run.needsYesHint'));
  }
  const control = new RunControl();
  return stoppingOnSignals(control, async () => {
    const lock = options.out ? lockOut(options.out) : undefined;
    try {
      return await (options.dryRun ? dryRun(req, resume, input, control) : liveRun(req, resume, input, control));
    } finally {
      lock?.release();
    }
  });
}

async function dryRun(req: SendRequest, resume: ResumePlan | undefined, input: string, control: RunControl): Promise<number> {
  const prepared = await planDryRunRows(req, resume, control.stopSignal);
  if (control.stopping) return finishBeforeSending(req, input, unsentResults(req, resume, prepared));
  return finishDryRun(req, runDryRunWithFaces(req, prepared, createEventHub()));
}

async function liveRun(req: SendRequest, resume: ResumePlan | undefined, input: string, control: RunControl): Promise<number> {
  const api = await (req.api ?? (await import('./make-api.js')).makeApi(req.options))();
  try {
    const prepared = control.stopping ? undefined : await planLiveRunRows(req, resume, api, control).catch(stopOnCancel(control));
    if (control.stopping || !prepared) return await finishBeforeSending(req, input, unsentResults(req, resume, prepared));
    const hub = createEventHub();
    return await finishLiveRun(req, api, hub, await runLiveWithFaces(req, prepared, api, hub, input, control));
  } finally {
    await api.close?.();
  }
}

/** Ctrl-C at the question is a stop like any other before sending (its terminal is in raw mode: no signal). */
function stopOnCancel(control: RunControl): (error: unknown) => undefined {
  return (error) => {
    if (!(error instanceof CancelledError)) throw error;
    control.stop();
    return undefined;
  };
}
