import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
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
  close(): void;
}

/** Next to --out (results.csv → results.journal.jsonl), else ./tcr-sigpolicy-<timestamp>.journal.jsonl. */
export function defaultJournalPath(out: string | undefined, now: Date, cwd = process.cwd()): string {
  if (out) return join(dirname(out), `${basename(out, extname(out))}.journal.jsonl`);
  return join(cwd, `tcr-sigpolicy-${now.toISOString().replace(/[:.]/g, '-')}.journal.jsonl`);
}

/**
 * Appends one JSON line per finished row and syncs it to disk before returning, so a crash or a
 * power cut loses at most the rows still in flight.
 */
export function openJournal(path: string): Journal {
  let fd: number;
  try {
    fd = openSync(path, 'a');
  } catch (error) {
    throw new UsageError(`cannot write the journal ${path}: ${(error as Error).message}`, 'pass --out in a writable directory, or run from one');
  }
  return {
    path,
    append(result, extra = {}) {
      writeSync(fd, `${JSON.stringify({ ...result, ...extra })}\n`);
      fdatasyncSync(fd);
    },
    close() {
      closeSync(fd);
    },
  };
}
