import { randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { IntentLine, ResultLine, RunLine, RunStamp } from '../core/journal-lines.js';
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

/** Next to --out (results.csv → results.<run>.journal.jsonl), else ./tcr-sigpolicy-<run>.journal.jsonl. */
export function journalPathFor(out: string | undefined, run: string, cwd = process.cwd()): string {
  if (out) return join(dirname(out), `${basename(out, extname(out))}.${run}.journal.jsonl`);
  return join(cwd, `tcr-sigpolicy-${run}.journal.jsonl`);
}

/**
 * A new file of JSON lines for this run alone (opened exclusively: never another run's), each line
 * naming the run, the input and the row. Intents and results are synced in order; writes run off
 * the event loop, since a blocking fsync would bunch request starts against the rate limit.
 */
export async function openJournal(path: string, stamp: RunStamp, start?: Pick<RunLine, 'endpoint'>): Promise<Journal> {
  let file: FileHandle;
  try {
    file = await open(path, 'wx');
    if (start) await file.appendFile(`${JSON.stringify({ kind: 'run', ...stamp, ...start } satisfies RunLine)}\n`);
  } catch (error) {
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
      if (failure) throw new Error(`writing the journal ${path} failed: ${failure.message}`);
    },
  };
}
