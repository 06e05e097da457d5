import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';

/** A journal of one run of a batch, found in the place where the batch's runs keep their journals. */
export interface BatchJournal {
  readonly path: string;
  readonly run: string;
  /** When the run started (its first line's time): runs of one batch are ordered by it. */
  readonly at: string;
}

const HEAD_BYTES = 4096;

/** The first line of a file, as JSON; undefined when it is not one (never throws: a place holds other files too). */
function firstLine(path: string): Record<string, unknown> | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    const text = buffer.subarray(0, n).toString('utf8');
    const end = text.indexOf('\n');
    if (end < 0) return undefined;
    const value = JSON.parse(text.slice(0, end)) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Every journal in `dir` written for the input with this fingerprint and sent to this endpoint, oldest
 * run first: the record of the batch, as earlier runs left it. A journal's first line names its run,
 * input and endpoint (journals from before that line existed name no endpoint and are not matched).
 */
export function journalsOfBatch(dir: string, input: string, endpoint: readonly string[]): BatchJournal[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.journal.jsonl'));
  } catch {
    return [];
  }
  const found: BatchJournal[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const head = firstLine(path);
    if (head?.kind !== 'run' || head.input !== input || JSON.stringify(head.endpoint) !== JSON.stringify(endpoint) || typeof head.run !== 'string') continue;
    found.push({ path, run: head.run, at: typeof head.at === 'string' ? head.at : '' });
  }
  return found.sort((a, b) => (a.at === b.at ? a.run.localeCompare(b.run) : a.at.localeCompare(b.at)));
}
