import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { PriorResult } from '../core/apply-resume.js';
import { UsageError } from '../core/errors.js';
import { ROW_STATUSES, type RowStatus } from '../core/result.js';

/** Reads a results export (.csv, .json, .jsonl) or a journal (.jsonl) of an earlier run for --resume. */
export async function readPriorResults(path: string): Promise<PriorResult[]> {
  return (await readResultRecords(path, '--resume file')).flatMap((r) => (isPrior(r) ? [r] : []));
}

/** Every record of a results export or journal, unchecked; `what` names the file in errors. */
export async function readResultRecords(path: string, what: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, 'pass the results or journal file of the earlier run');
  }
  const ext = extname(path).toLowerCase();
  let records: unknown[];
  try {
    if (ext === '.csv') records = parse(text, { bom: true, columns: true, skip_empty_lines: true }) as unknown[];
    else if (ext === '.json') records = JSON.parse(text) as unknown[];
    else records = jsonLines(text);
  } catch (error) {
    throw new UsageError(`${what} ${path} is not a results file: ${(error as Error).message}`, 'pass a .csv, .json or .jsonl written by tcr-sigpolicy');
  }
  const hasStatus = (r: unknown): boolean => ROW_STATUSES.includes((r as { status?: unknown })?.status as RowStatus);
  if (!Array.isArray(records) || (records.length > 0 && !records.some(hasStatus))) {
    throw new UsageError(`${what} ${path} is not a results file (no row has a status)`, 'pass a .csv, .json or .jsonl written by tcr-sigpolicy');
  }
  return records;
}

/** JSON lines; a last line without its newline was cut off by a crash and is left out if it does not parse. */
function jsonLines(text: string): unknown[] {
  const lines = text.split('\n');
  const partial = text.endsWith('\n') ? undefined : lines.pop();
  const records = lines.filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
  if (partial?.trim()) {
    try {
      records.push(JSON.parse(partial));
    } catch {
      // the row it described was in flight when the journal stopped; it is treated as never finished
    }
  }
  return records;
}

function isPrior(r: unknown): r is PriorResult {
  const o = r as Partial<Record<keyof PriorResult, unknown>>;
  return typeof o?.RegistryId === 'string' && typeof o.NamespaceName === 'string' && ROW_STATUSES.includes(o.status as RowStatus);
}
