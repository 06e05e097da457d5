import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { createEventHub } from '../core/event-hub.js';
import { runContext } from '../cli/run-context.js';
import { exitCodeFor } from '../core/exit-code.js';
import { countStatuses, totalOf } from '../core/result.js';
import type { TcrApi } from '../core/tcr-api.js';
import type { ItemResult } from '../core/work-item.js';
import { checkWritable, exportResults } from '../services/export-results.js';
import type { Journal } from '../services/journal.js';
import { closingBlock } from './closing-block.js';
import { interactive } from './interactive.js';
import type { RunRequest } from './run-request.js';
import type { LiveRun } from './run-with-faces.js';
import { t } from '../i18n/messages.js';

/** Where the closing lines and the errors of the finish go: stderr, or a test's buffer. */
export interface ErrorOutput {
  write(text: string): unknown;
  /** Set when it is a terminal: the closing lines are wrapped to it. */
  readonly columns?: number;
}

/** A preview ends with its export (with --out, or when offered) and the exit code of its results. */
export function finishDryRun<I, R extends ItemResult>(req: RunRequest<I, R>, results: Iterable<R>): Promise<number> {
  return exportAndExit(results, false, req, { offer: true }, process.stderr);
}

/**
 * After a live run: the face finishes, the journal closes, the coverage line is read, and the results
 * are exported in a `finally`, so a step that fails before it (a face that crashed) loses no export.
 */
export async function finishLiveRun<I, R extends ItemResult>(req: RunRequest<I, R>, api: TcrApi, hub: ReturnType<typeof createEventHub>, run: LiveRun<R>, err: ErrorOutput = process.stderr): Promise<number> {
  const { options } = req;
  let journalOk: boolean | undefined;
  let finished = false;
  let exported: number | undefined;
  try {
    await run.face;
    journalOk = await closeJournal(run.journal, err);
    // What the run reads to close (batch's coverage line): not after a stop.
    if (!run.interrupted) await req.afterRun?.(api, run.results, hub);
    finished = true;
  } finally {
    // After a failure nothing is asked: only --out is written.
    // A journal whose folder was deleted is named nowhere: no message may send the user to it.
    const scratch = req.scratchJournals === true && !options.out;
    const journal = !scratch && existsSync(run.journal.path) ? run.journal.path : undefined;
    exported = await exportAndExit(run.results, run.interrupted, req, { journal, journalFailed: journalOk === false, offer: finished }, err);
  }
  const code = exported as number;
  return journalOk === true || code !== 0 ? code : 1;
}

/** A journal that could not be fully written (a full disk) is reported, not a crash: the export may still hold every row. */
async function closeJournal(journal: Journal, err: ErrorOutput): Promise<boolean> {
  try {
    await journal.close();
    return true;
  } catch (error) {
    err.write(`${t('error.prefix', { message: (error as Error).message })}\n`);
    return false;
  }
}

/** A run stopped before sending: its export (no question asked) and the closing lines; exit 130. */
export function finishStopped<I, R extends ItemResult>(req: RunRequest<I, R>, results: Iterable<R>, journal?: string, err: ErrorOutput = process.stderr): Promise<number> {
  return exportAndExit(results, true, req, { journal, offer: false }, err);
}

async function exportAndExit<I, R extends ItemResult>(results: Iterable<R>, interrupted: boolean, req: RunRequest<I, R>, how: { journal?: string; journalFailed?: boolean; offer: boolean }, err: ErrorOutput): Promise<number> {
  const { options } = req;
  // Without --out, a batch on a terminal offers the export; create (a face of its own) and --json do not.
  // A run that sent nothing has nothing worth exporting: the closing lines name its journal.
  const counts = countStatuses(results);
  const sentSome = counts['not-sent'] < totalOf(counts);
  const offered = how.offer && !req.face && !req.noExportOffer && !options.json && !interrupted && sentSome && interactive();
  const out = options.out ?? (offered ? await offerExport(req.input) : undefined);
  const code = exitCodeFor(counts, interrupted);
  // A journal that could not be written in full is named as such, never as the record of every row.
  const kind = req.operation.item;
  const closing = { results, interrupted, journal: how.journal, journalFailed: how.journalFailed, rerun: req.rerun, context: runContext(options), lead: req.summary?.(results) };
  try {
    if (out) await exportResults(out, results, kind.exportColumns?.(results) ?? kind.columns);
  } catch (error) {
    const kept = how.journal && !how.journalFailed ? t('run.journalKept', { journal: how.journal }) : '';
    const why = (error as Error).message.replace(/^--out [^:]*: /, '');
    err.write(`${t('error.prefix', { message: t('run.exportFailed', { out: out ?? '', why, kept }) })}\n`);
    // Nowhere holds the outcome: what was sent is said here, so it can be checked and undone by hand.
    if (!kept) err.write(sentRows(results, req));
    // The resume line never points back at the place that just failed: --out is left for the user to choose.
    err.write(closingBlock({ ...closing, rerun: req.rerun && withoutOut(req.rerun), outFailed: out }, err.columns));
    return interrupted ? 130 : 1;
  }
  err.write(closingBlock({ ...closing, out }, err.columns));
  if (how.offer && !interrupted) req.finished?.(results, out ?? how.journal);
  return code;
}

/** The items that reached the API (done, or failed after being sent), one line each, for when no file could be written. */
function sentRows<I, R extends ItemResult>(results: Iterable<R>, { operation }: RunRequest<I, R>): string {
  const sent = [...results].filter((r) => r.status === operation.doneStatus || (r.status === 'failed' && r.attempts > 0));
  if (sent.length === 0) return `${t('run.nothingSent')}\n`;
  const lines = sent.map((r) => t('run.sentRow', { line: r.line, key: operation.item.label(r), status: r.status, code: r.ErrorCode, requestId: r.RequestId || '-' }));
  return `${t('run.sentRows', { n: sent.length })}\n${lines.join('\n')}\n`;
}

/** The command line without its --out (and value). */
function withoutOut(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '--out') i += 1;
    else if (!word.startsWith('--out=')) out.push(word);
  }
  return out;
}

async function offerExport(input: string | undefined): Promise<string | undefined> {
  const { askExport } = await import('../ui/prompts.js');
  const base = input && input !== '-' ? join(dirname(input), `${basename(input, extname(input))}.results`) : 'results';
  return askExport((format) => `${base}.${format}`, (path) => {
    try {
      checkWritable(path, { inputs: input ? [input] : [] });
      return undefined;
    } catch (error) {
      return (error as Error).message.replace(/^--out /, '');
    }
  });
}
