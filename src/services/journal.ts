import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, open, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { IntentLine, ResultLine, RowRecord, RunLine, RunStamp } from '../core/journal-lines.js';
import type { ItemResult } from '../core/work-item.js';
import { t } from '../i18n/messages.js';

/** Extra facts a journal keeps beyond the result: every attempt's RequestId, and how an outcome was decided. */
export interface JournalExtra {
  readonly requestIds?: readonly string[];
  readonly note?: string;
}

export interface Journal {
  readonly path: string;
  readonly run: string;
  /**
   * Records that an attempt is about to be sent; resolves once the line is on disk. `notSigningBefore`
   * is the baseline a later --resume checks against: the change was not in place before this run.
   * `key` is the item's key (its kind's: a namespace, a tag), `line` its place in the run.
   */
  intent(key: string, line: number, attempt: number, notSigningBefore: boolean): Promise<void>;
  result(key: string, result: ItemResult, extra?: JournalExtra): void;
  /** Waits for every line to be on disk, then closes the file. */
  close(): Promise<void>;
}

/** How long a finished row's line may wait to share the next intent's sync. */
const RESULT_DELAY_MS = 100;

/** A run id unique to the run: its start time to the second, and a short random part. */
export function newRunId(now: Date, random: () => string = () => randomBytes(3).toString('hex')): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${random()}`;
}

/**
 * The place a batch's runs keep their journals: the folder of --out, else the working folder (or the
 * caller's). Runs of the same input in the same place find each other's records there.
 */
export function journalDirFor(out: string | undefined, cwd = process.cwd()): string {
  return out ? dirname(out) : cwd;
}

/** Next to --out (results.csv → results.<run>.journal.jsonl), else ./tcr-sigpolicy-<run>.journal.jsonl. */
export function journalPathFor(out: string | undefined, run: string, cwd = process.cwd()): string {
  if (out) return join(dirname(out), `${basename(out, extname(out))}.${run}.journal.jsonl`);
  return join(cwd, `tcr-sigpolicy-${run}.journal.jsonl`);
}

/** What a journal copies forward from earlier runs of its batch before the run sends anything. */
export interface CarriedRecord {
  /** The earlier runs the records come from. */
  readonly runs: readonly string[];
  readonly records: readonly RowRecord<ItemResult>[];
}

/** What a journal's first line says besides its run and input. */
export interface JournalHead {
  /** The --endpoint texts the run was given: records of another endpoint are another account's, never this batch's. */
  readonly endpoint?: readonly string[];
  readonly carried?: CarriedRecord;
}

/** A carried record as a line of this journal: stamped with this run, naming the run it came from. */
function carriedLine(record: RowRecord<ItemResult>, stamp: RunStamp): IntentLine | ResultLine {
  const from = record.run ? { from: record.run } : {};
  if (record.kind === 'result') return { kind: 'result', ...stamp, key: record.key, ...record.result, ...(record.note ? { note: record.note } : {}), ...from };
  return {
    kind: 'intent', ...stamp, key: record.key, attempt: record.attempt, at: record.at,
    ...(record.notSigningBefore ? { baseline: 'not-signing' } : {}), ...from,
  };
}

/**
 * A new file of JSON lines for this run alone (opened exclusively: never another run's), each line
 * naming the run, the input and the row. Its first line says which run and input it records and which
 * earlier runs it carries forward; those runs' records follow, all synced before the file is handed
 * over, so a kill at any later instant leaves a journal that describes the whole batch. Intents and
 * results are then synced in order; writes run off the event loop, since a blocking fsync would
 * bunch request starts against the rate limit.
 */
export async function openJournal(path: string, stamp: RunStamp, { endpoint = [], carried = { runs: [], records: [] } }: JournalHead = {}): Promise<Journal> {
  // Written under a hidden name and linked into place once its first lines are on disk: a kill at any
  // instant leaves either no journal or one that describes itself, never an empty file.
  const partial = join(dirname(path), `.${basename(path)}.partial`);
  let file: FileHandle;
  try {
    if (existsSync(path)) throw Object.assign(new Error(`EEXIST: file already exists, open '${path}'`), { code: 'EEXIST' });
    file = await open(partial, 'wx');
  } catch (error) {
    throw new UsageError(t('journal.cannotWrite', { path, message: (error as Error).message }), t('journal.cannotWriteHint'));
  }
  const head: RunLine = {
    kind: 'run', tool: 'tcr-sigpolicy', ...stamp, at: new Date().toISOString(),
    endpoint, ...(carried.runs.length > 0 ? { carries: carried.runs } : {}),
  };
  try {
    await file.appendFile([head, ...carried.records.map((r) => carriedLine(r, stamp))].map((l) => `${JSON.stringify(l)}\n`).join(''));
    await file.datasync();
    await link(partial, path);
    await unlink(partial);
  } catch (error) {
    await file.close().catch(() => undefined);
    await unlink(partial).catch(() => undefined);
    throw new UsageError(t('journal.cannotWrite', { path, message: (error as Error).message }), t('journal.cannotWriteHint'));
  }
  // Group commit: every line queued while a sync is under way goes out in the next write and sync,
  // so the cost stays about one fdatasync per batch of lines, however many requests start meanwhile.
  // An intent is synced at once (its send waits for it).
  let queued: string[] = [];
  let next: Promise<void> | undefined;
  let chain: Promise<void> = Promise.resolve();
  let failure: Error | undefined;
  const flush = async (): Promise<void> => {
    next = undefined;
    const text = queued.join('');
    queued = [];
    if (failure) throw failure;
    if (!text) return;
    try {
      await file.appendFile(text);
      await file.datasync();
    } catch (error) {
      failure = error as Error;
      throw failure;
    }
  };
  const schedule = (): Promise<void> => {
    clearTimeout(lazy);
    lazy = undefined;
    if (!next) {
      next = chain.then(flush);
      chain = next.catch(() => undefined);
    }
    return next;
  };
  // A result waits up to RESULT_DELAY_MS for the next intent's sync: at the cap one sync a row, not two.
  // After a crash a result not yet on disk leaves its intent last, so --resume checks that row: never a lost creation.
  let lazy: NodeJS.Timeout | undefined;
  const enqueue = (line: IntentLine | ResultLine): Promise<void> => {
    queued.push(`${JSON.stringify(line)}\n`);
    if (line.kind === 'intent') return schedule();
    lazy ??= setTimeout(() => void schedule().catch(() => undefined), RESULT_DELAY_MS);
    return Promise.resolve();
  };
  return {
    path,
    run: stamp.run,
    intent(key, line, attempt, notSigningBefore) {
      const entry: IntentLine = {
        kind: 'intent', ...stamp, key, line, attempt, at: new Date().toISOString(),
        ...(notSigningBefore ? { baseline: 'not-signing' } : {}),
      };
      return enqueue(entry);
    },
    result(key, result, extra = {}) {
      void enqueue({ kind: 'result', ...stamp, key, ...result, ...extra });
    },
    async close() {
      if (queued.length > 0) await schedule().catch(() => undefined);
      await chain;
      await file.close();
      if (failure) throw new Error(t('journal.writeFailed', { path, message: failure.message }));
      // Lines written to a file whose folder was deleted meanwhile went nowhere a user can read.
      if (!existsSync(path)) throw new Error(t('journal.vanished', { path }));
    },
  };
}
