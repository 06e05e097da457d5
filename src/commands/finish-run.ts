import { basename, dirname, extname, join } from 'node:path';
import type { createEventHub } from '../core/event-hub.js';
import { runContext } from '../cli/run-context.js';
import { exitCodeFor } from '../core/exit-code.js';
import { countStatuses, type RowResult } from '../core/result.js';
import type { TcrApi } from '../core/tcr-api.js';
import { checkWritable, exportResults } from '../services/export-results.js';
import type { Journal } from '../services/journal.js';
import { closingBlock } from './closing-block.js';
import { interactive } from './interactive.js';
import type { LiveRun } from './run-with-faces.js';
import type { SendRequest } from './send-rows.js';
import { t } from '../i18n/messages.js';

/** A preview ends with its export (with --out, or when offered) and the exit code of its results. */
export function finishDryRun(req: SendRequest, results: readonly RowResult[]): Promise<number> {
  return exportAndExit(results, false, req, { offer: true });
}

/**
 * After a live run: the face finishes, the journal closes, the coverage line is read, and the results
 * are exported in a `finally`, so a step that fails before it (a face that crashed) loses no export.
 */
export async function finishLiveRun(req: SendRequest, api: TcrApi, hub: ReturnType<typeof createEventHub>, run: LiveRun): Promise<number> {
  const { options } = req;
  let journalOk: boolean | undefined;
  let finished = false;
  let exported: number | undefined;
  try {
    await run.face;
    journalOk = await closeJournal(run.journal);
    // The coverage line reads; --no-preflight asked for no reads.
    if (!run.interrupted && !req.face && options.preflight) await (await import('./emit-coverage.js')).emitCoverage(api, req.rows, run.results, hub, !options.plain);
    finished = true;
  } finally {
    // After a failure nothing is asked: only --out is written.
    exported = await exportAndExit(run.results, run.interrupted, req, { journal: run.journal.path, offer: finished });
  }
  const code = exported as number;
  return journalOk === true || code !== 0 ? code : 1;
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

/** A run stopped before sending: its export (no question asked) and the closing lines; exit 130. */
export function finishStopped(req: SendRequest, results: readonly RowResult[], journal?: string): Promise<number> {
  return exportAndExit(results, true, req, { journal, offer: false });
}

async function exportAndExit(results: readonly RowResult[], interrupted: boolean, req: SendRequest, how: { journal?: string; offer: boolean }): Promise<number> {
  const { options } = req;
  // Without --out, a batch on a terminal offers the export; create (a face of its own) and --json do not.
  // A run that sent nothing has nothing worth exporting: the closing lines name its journal.
  const sentSome = results.some((r) => r.status !== 'not-sent');
  const offered = how.offer && !req.face && !options.json && !interrupted && sentSome && interactive();
  const out = options.out ?? (offered ? await offerExport(req.input) : undefined);
  const code = exitCodeFor(countStatuses(results), interrupted);
  const closing = { results, interrupted, journal: how.journal, rerun: req.rerun, context: runContext(options) };
  try {
    if (out) await exportResults(out, results);
  } catch (error) {
    const kept = how.journal ? t('run.journalKept', { journal: how.journal }) : '';
    const why = (error as Error).message.replace(/^--out [^:]*: /, '');
    process.stderr.write(`${t('error.prefix', { message: t('run.exportFailed', { out: out ?? '', why, kept }) })}\n`);
    process.stderr.write(closingBlock(closing));
    return interrupted ? 130 : 1;
  }
  process.stderr.write(closingBlock({ ...closing, out }));
  return code;
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
