import type { SendOptions } from '../cli/send-options.js';
import type { BatchEventListener } from '../core/batch-events.js';
import { CancelledError, UsageError } from '../core/errors.js';
import { createEventHub } from '../core/event-hub.js';
import { exitCodeFor } from '../core/exit-code.js';
import type { PolicyRow } from '../core/policy-row.js';
import { countStatuses, type RowResult } from '../core/result.js';
import type { TcrApi } from '../core/tcr-api.js';
import type { ResumePlan } from '../core/apply-resume.js';
import { basename, dirname, extname, join } from 'node:path';
import { checkWritable, exportResults, refuseOverwriting } from '../services/export-results.js';
import { inputFingerprint } from '../services/input-fingerprint.js';
import { journalPathFor, newRunId, openJournal, type Journal } from '../services/journal.js';
import { lockOut } from '../services/out-lock.js';
import { RunControl } from '../services/run-control.js';
import { bufferSource } from '../ui/buffered-source.js';
import { createJsonReporter } from '../ui/json-reporter.js';
import { createPlainReporter, formatPlan } from '../ui/plain-reporter.js';
import { formatDuration } from '../ui/format-duration.js';
import { closingBlock } from './closing-block.js';
import type { AppliedPlan } from '../core/plan-summary.js';
import type { RowOperation } from '../services/policy-operations.js';
import { runDryRun } from './dry-run.js';
import { dryRunApi, planDryRun, planLiveRun, signingBeforeOf } from './plan-before-sending.js';
import { baselineOf, readResume, remainingChecked, remainingUnchecked, sendOrder } from './resume-rows.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';

export interface SendRequest {
  readonly rows: readonly PolicyRow[];
  /** Rows settled before sending (invalid with --skip-invalid). */
  readonly settled: readonly RowResult[];
  readonly options: SendOptions;
  /** The API to send through; made from credentials when absent (the demo passes its own). */
  readonly api?: () => Promise<TcrApi>;
  /** Ask before a live run on a terminal (the demo does not: nothing real is at stake). */
  readonly confirm: boolean;
  /** A face for a single row (create) instead of the batch reporters. */
  readonly face?: BatchEventListener;
  /** Where the journal goes when there is no --out (default: the working directory). */
  readonly journalDir?: string;
  /** The input file, which the export offered at the end is named after: `<input>.results.csv`. */
  readonly input?: string;
  /** What each row sends: CreateSignaturePolicy by default; rollback passes DeleteSignaturePolicy. */
  readonly operation?: RowOperation;
  /** The command line (after `tcr-sigpolicy`) that runs this batch again: the resume line is built from it. */
  readonly rerun?: readonly string[];
}

const interactive = (): boolean => process.stdin.isTTY === true && process.stdout.isTTY === true;

/** Everything between validated rows and an exit code: resume, confirmation, journal, faces, export. */
export async function sendRows(req: SendRequest): Promise<number> {
  const { options } = req;
  const input = inputFingerprint(req.rows, req.settled);
  const resume = options.resume ? await readResume(options.resume, req.rows, input, options.force) : undefined;
  if (!options.dryRun && req.confirm && !options.yes && !interactive()) {
    throw new UsageError(t('run.needsYes'), t('run.needsYesHint'));
  }
  const lock = options.out ? lockOut(options.out) : undefined;
  try {
    return options.dryRun ? await dryRun(req, resume) : await liveRun(req, resume, input);
  } finally {
    lock?.release();
  }
}

async function dryRun(req: SendRequest, resume: ResumePlan | undefined): Promise<number> {
  const { options } = req;
  const hub = createEventHub();
  const streams = { out: process.stdout, err: process.stderr };
  hub.subscribe(req.face ?? (options.json ? createJsonReporter(streams) : createPlainReporter(streams)));
  // Checking what an earlier run left unknown only reads, so a preview does it when it can.
  const readApi = resume && resume.toCheck.length > 0 ? await dryRunApi(options, req.api) : undefined;
  let left;
  try {
    left = readApi ? await remainingChecked(resume, req.rows, readApi, process.stderr) : remainingUnchecked(resume, req.rows, process.stderr);
  } finally {
    await readApi?.close?.();
  }
  const plan = await planDryRun(left.rows, options, req.api, process.stderr);
  const results = runDryRun(sendOrder(plan?.toSend ?? left.rows, left.resend), [...req.settled, ...left.settled, ...(plan?.settled ?? [])], {
    endpoint: options.endpoint.url, endpointOf: (region) => options.endpoint.forRegion(region).url,
    rate: options.rate, onEvent: hub.emit, plan: plan?.summary, operation: req.operation,
  });
  return finish(results, false, req);
}

async function liveRun(req: SendRequest, resume: ResumePlan | undefined, input: string): Promise<number> {
  const api = await (req.api ?? (await import('./make-api.js')).makeApi(req.options))();
  try {
    return await sendThrough(api, req, resume, input);
  } finally {
    await api.close?.();
  }
}

async function sendThrough(api: TcrApi, req: SendRequest, resume: ResumePlan | undefined, input: string): Promise<number> {
  const { options } = req;
  const hub = createEventHub();
  const left = await remainingChecked(resume, req.rows, api, process.stderr);
  const settled = [...req.settled, ...left.settled];
  const plan = await planLiveRun(left.rows, api, options);
  const toSend = sendOrder(plan?.toSend ?? left.rows, left.resend);
  settled.push(...(plan?.settled ?? []));
  const signingBefore = baselineOf(left.notSigning, signingBeforeOf(plan));
  const confirming = req.confirm && !options.yes;
  if (confirming) await confirmRun(toSend, options, plan, req.operation);

  const run = newRunId(new Date());
  const journal = await openJournal(journalPathFor(options.out, run, req.journalDir), { run, input });
  hub.subscribe((event) => {
    if (event.type === 'row-done') journal.result(event.result, { requestIds: event.requestIds, note: event.note });
  });
  const control = new RunControl();
  const faceGone = new AbortController();
  // With nothing to ask, the confirmation shows no plan: the face says it (a failed plan once, not twice).
  const face = startFace(req, hub, control, confirming && plan !== undefined && toSend.length > 0, faceGone.signal);
  const onSignal = (): void => control.stop();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { runBatch } = await import('../services/run-batch.js');
    if (plan) hub.emit({ type: 'plan', ...plan.summary });
    const outcome = await runBatch(toSend, {
      api, control, emit: hub.emit, endpoint: options.endpoint.url, rate: options.rate,
      maxAttempts: options.maxAttempts, settled, journal: journal.path, operation: req.operation, signingBefore,
      // A row sent again after a check had an unknown attempt: a request still on its way may land first.
      unknownBefore: left.notSigning,
      // Nothing goes out before its intent is on disk: after a crash, the row is known to be unknown.
      beforeAttempt: (row, attempt) => journal.intent(row, attempt, signingBefore(row) === false),
    });
    await face;
    const journalOk = await closeJournal(journal);
    // The coverage line reads; --no-preflight asked for no reads.
    if (!outcome.interrupted && !req.face && options.preflight) await (await import('./emit-coverage.js')).emitCoverage(api, req.rows, outcome.results, hub, !options.plain);
    const code = await finish(outcome.results, outcome.interrupted, req, journal.path);
    return journalOk || code !== 0 ? code : 1;
  } catch (error) {
    // A runner that throws never sends `end`: take the dashboard down so the terminal is restored.
    faceGone.abort();
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** A journal that could not be fully written (a full disk) is reported, not a crash: the export may still hold every row. */
async function closeJournal(journal: Journal): Promise<boolean> {
  try {
    await journal.close();
    return true;
  } catch (error) {
    process.stderr.write(`${t('error.prefix', { message: (error as Error).message })}\n`);
    return false;
  }
}

function startFace(req: SendRequest, hub: ReturnType<typeof createEventHub>, control: RunControl, planShown: boolean, signal: AbortSignal): Promise<void> {
  const { options } = req;
  const streams = { out: process.stdout, err: process.stderr };
  if (req.face || options.plain) {
    hub.subscribe(req.face ?? (options.json ? createJsonReporter(streams) : createPlainReporter(streams, { showPlan: !planShown })));
    return Promise.resolve();
  }
  // Ink loads asynchronously while the run starts: hold its events from now on so none is missed.
  const source = bufferSource(hub);
  return import('../ui/render-dashboard.js').then(({ renderDashboard }) => renderDashboard({ source, controls: control, signal }));
}

/** Shows the plan, then asks; with nothing left to send there is nothing to ask. */
async function confirmRun(rows: readonly PolicyRow[], options: SendOptions, plan: AppliedPlan | undefined, operation: RowOperation | undefined): Promise<void> {
  if (rows.length === 0) return;
  if (plan) process.stderr.write(formatPlan(plan.summary));
  const { askConfirm } = await import('../ui/prompts.js');
  const registries = new Set(rows.map((r) => r.request.RegistryId)).size;
  const regions = [...new Set(rows.map((r) => r.region))];
  const durationMs = (rows.length / options.rate) * 1000;
  const ok = await askConfirm(
    t('confirm.run', {
      verb: t(operation?.verb === 'Delete' ? 'confirm.delete' : 'confirm.create'),
      policies: count('count.policy', rows.length),
      registries: count('count.registry', registries),
      regions: regions.join(', '),
      endpoint: options.endpoint.url,
      rate: options.rate,
      duration: formatDuration(durationMs),
    }),
  );
  if (!ok) throw new CancelledError(t('confirm.nothingSent'));
}

async function finish(results: readonly RowResult[], interrupted: boolean, req: SendRequest, journal?: string): Promise<number> {
  const { options } = req;
  // Without --out, a batch on a terminal offers the export; create (a face of its own) and --json do not.
  // A run that sent nothing has nothing worth exporting: the closing lines name its journal.
  const sentSome = results.some((r) => r.status !== 'not-sent');
  const out = options.out ?? (!req.face && !options.json && !interrupted && sentSome && interactive() ? await offerExport(req.input) : undefined);
  const code = exitCodeFor(countStatuses(results), interrupted);
  try {
    if (out) await exportResults(out, results);
  } catch (error) {
    const kept = journal ? t('run.journalKept', { journal }) : '';
    const why = (error as Error).message.replace(/^--out [^:]*: /, '');
    process.stderr.write(`${t('error.prefix', { message: t('run.exportFailed', { out: out ?? '', why, kept }) })}\n`);
    process.stderr.write(closingBlock({ results, interrupted, journal, rerun: req.rerun }));
    return interrupted ? 130 : 1;
  }
  process.stderr.write(closingBlock({ results, interrupted, out, journal, rerun: req.rerun }));
  return code;
}

async function offerExport(input: string | undefined): Promise<string | undefined> {
  const { askExport } = await import('../ui/prompts.js');
  const base = input && input !== '-' ? join(dirname(input), `${basename(input, extname(input))}.results`) : 'results';
  return askExport((format) => `${base}.${format}`, (path) => {
    try {
      refuseOverwriting(path, input ? [input] : [], t('out.inputFile'));
      checkWritable(path);
      return undefined;
    } catch (error) {
      return (error as Error).message.replace(/^--out /, '');
    }
  });
}
