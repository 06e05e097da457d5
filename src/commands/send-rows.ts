import type { SendOptions } from '../cli/send-options.js';
import type { BatchEventListener } from '../core/batch-events.js';
import { CancelledError, UsageError } from '../core/errors.js';
import { createEventHub } from '../core/event-hub.js';
import { exitCodeFor } from '../core/exit-code.js';
import type { PolicyRow } from '../core/policy-row.js';
import { countStatuses, type RowResult } from '../core/result.js';
import type { TcrApi } from '../core/tcr-api.js';
import { applyResume } from '../core/apply-resume.js';
import { basename, dirname, extname, join } from 'node:path';
import { checkWritable, exportResults } from '../services/export-results.js';
import { defaultJournalPath, openJournal } from '../services/journal.js';
import { readPriorResults } from '../services/read-prior-results.js';
import { RunControl } from '../services/run-control.js';
import { bufferSource } from '../ui/buffered-source.js';
import { createJsonReporter } from '../ui/json-reporter.js';
import { createPlainReporter, formatPlan, plural } from '../ui/plain-reporter.js';
import { formatDuration } from '../ui/format-duration.js';
import { closingBlock } from './closing-block.js';
import type { AppliedPlan } from '../core/plan-summary.js';
import type { RowOperation } from '../services/policy-operations.js';
import { runDryRun } from './dry-run.js';
import { planDryRun, planLiveRun, signingBeforeOf } from './plan-before-sending.js';

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
  const hub = createEventHub();
  const streams = { out: process.stdout, err: process.stderr };
  if (options.dryRun) {
    hub.subscribe(req.face ?? (options.json ? createJsonReporter(streams) : createPlainReporter(streams)));
    const plan = await planDryRun(req.rows, options, req.api, process.stderr);
    const results = runDryRun(plan?.toSend ?? req.rows, [...req.settled, ...(plan?.settled ?? [])], {
      endpoint: options.endpoint.url, rate: options.rate, onEvent: hub.emit, plan: plan?.summary, operation: req.operation,
    });
    return finish(results, false, req);
  }
  if (req.confirm && !options.yes && !interactive()) {
    throw new UsageError('a live run off a terminal needs --yes', 'pass --yes to send, or --dry-run to preview');
  }
  const resume = options.resume ? applyResume(req.rows, await readPriorResults(options.resume)) : undefined;
  const rows = resume?.toSend ?? req.rows;
  const settled = [...req.settled, ...(resume?.skipped ?? [])];
  const api = await (req.api ?? (await import('./make-api.js')).makeApi(options))();
  const plan = await planLiveRun(rows, api, options);
  const toSend = plan?.toSend ?? rows;
  settled.push(...(plan?.settled ?? []));
  const confirming = req.confirm && !options.yes;
  if (confirming) await confirmRun(toSend, options, plan, req.operation);

  const journal = await openJournal(defaultJournalPath(options.out, new Date(), req.journalDir));
  hub.subscribe((event) => {
    if (event.type === 'row-done') journal.append(event.result, { requestIds: event.requestIds, note: event.note });
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
      api, control, emit: hub.emit, endpoint: options.endpoint.url, rate: options.rate, concurrency: options.concurrency,
      maxAttempts: options.maxAttempts, settled, unknownBefore: resume?.unknownBefore, journal: journal.path,
      operation: req.operation, signingBefore: signingBeforeOf(plan),
    });
    await face;
    await journal.close();
    return await finish(outcome.results, outcome.interrupted, req, journal.path);
  } catch (error) {
    // A runner that throws never sends `end`: take the dashboard down so the terminal is restored.
    faceGone.abort();
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
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
    `${operation?.verb ?? 'Create'} ${plural(rows.length, 'signature policy', 'signature policies')} in ${plural(registries, 'registry', 'registries')} ` +
      `(${regions.join(', ')}) via ${options.endpoint.url}? At ${options.rate}/s this takes about ${formatDuration(durationMs)}.`,
  );
  if (!ok) throw new CancelledError('Nothing was sent.');
}

async function finish(results: readonly RowResult[], interrupted: boolean, req: SendRequest, journal?: string): Promise<number> {
  const { options } = req;
  // Without --out, a batch on a terminal offers the export; create (a face of its own) and --json do not.
  // A run that sent nothing has nothing worth exporting: the closing lines name its journal.
  const sentSome = results.some((r) => r.status !== 'not-sent');
  const out = options.out ?? (!req.face && !options.json && !interrupted && sentSome && interactive() ? await offerExport(req.input) : undefined);
  if (out) await exportResults(out, results);
  process.stderr.write(closingBlock({ results, interrupted, out, journal, rerun: req.rerun }));
  return exitCodeFor(countStatuses(results), interrupted);
}

async function offerExport(input: string | undefined): Promise<string | undefined> {
  const { askExport } = await import('../ui/prompts.js');
  const base = input && input !== '-' ? join(dirname(input), `${basename(input, extname(input))}.results`) : 'results';
  return askExport((format) => `${base}.${format}`, (path) => {
    try {
      checkWritable(path);
      return undefined;
    } catch (error) {
      return (error as Error).message.replace(/^--out /, '');
    }
  });
}
