import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { RowResult } from '../core/result.js';

/** Extra facts a journal keeps beyond the result: every attempt's RequestId, and how an outcome was decided. */
export interface JournalExtra {
  readonly requestIds?: readonly string[];
  readonly note?: string;
}

export interface Journal {
  readonly path: string;
  append(result: RowResult, extra?: JournalExtra): void;
  /** Waits for every line to be on disk, then closes the file. */
  close(): Promise<void>;
}

/** Next to --out (results.csv → results.journal.jsonl), else ./tcr-sigpolicy-<timestamp>.journal.jsonl. */
export function defaultJournalPath(out: string | undefined, now: Date, cwd = process.cwd()): string {
  if (out) return join(dirname(out), `${basename(out, extname(out))}.journal.jsonl`);
  return join(cwd, `tcr-sigpolicy-${now.toISOString().replace(/[:.]/g, '-')}.journal.jsonl`);
}

/**
 * Appends one JSON line per finished row and syncs it to disk, in order, so a crash or a power cut
 * loses at most the rows in flight. Writes run off the event loop: a blocking fsync would delay
 * request starts and bunch them up against the rate limit.
 */
export async function openJournal(path: string): Promise<Journal> {
  let file: FileHandle;
  try {
    file = await open(path, 'a');
  } catch (error) {
    throw new UsageError(`cannot write the journal ${path}: ${(error as Error).message}`, 'pass --out in a writable directory, or run from one');
  }
  // Group commit: lines that finish while a sync is under way go out together in the next one, so a
  // burst (the not-sent rows after a stop) costs a few syncs rather than one each.
  let queued: string[] = [];
  let writing: Promise<void> = Promise.resolve();
  let failure: Error | undefined;
  const flush = async (): Promise<void> => {
    if (queued.length === 0 || failure) return;
    const text = queued.join('');
    queued = [];
    try {
      await file.appendFile(text);
      await file.datasync();
    } catch (error) {
      failure = error as Error;
    }
  };
  return {
    path,
    append(result, extra = {}) {
      queued.push(`${JSON.stringify({ ...result, ...extra })}\n`);
      if (queued.length === 1) writing = writing.then(flush);
    },
    async close() {
      await writing;
      await flush();
      await file.close();
      if (failure) throw new Error(`writing the journal ${path} failed: ${failure.message}`);
    },
  };
}
