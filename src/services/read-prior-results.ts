import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { PriorResult } from '../core/apply-resume.js';
import { UsageError } from '../core/errors.js';
import { ROW_STATUSES, type RowStatus } from '../core/result.js';

/** Reads a results export (.csv, .json, .jsonl) or a journal (.jsonl) of an earlier run for --resume. */
export async function readPriorResults(path: string): Promise<PriorResult[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --resume file ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, 'pass the results or journal file of the earlier run');
  }
  const ext = extname(path).toLowerCase();
  let records: unknown[];
  try {
    if (ext === '.csv') records = parse(text, { bom: true, columns: true, skip_empty_lines: true }) as unknown[];
    else if (ext === '.json') records = JSON.parse(text) as unknown[];
    else records = text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
  } catch (error) {
    throw new UsageError(`--resume file ${path} is not a results file: ${(error as Error).message}`, 'pass a .csv, .json or .jsonl written by tcr-sigpolicy');
  }
  if (!Array.isArray(records)) throw new UsageError(`--resume file ${path} is not a results file`, 'pass a .csv, .json or .jsonl written by tcr-sigpolicy');
  return records.flatMap((r) => (isPrior(r) ? [r] : []));
}

function isPrior(r: unknown): r is PriorResult {
  const o = r as Partial<Record<keyof PriorResult, unknown>>;
  return typeof o?.RegistryId === 'string' && typeof o.NamespaceName === 'string' && ROW_STATUSES.includes(o.status as RowStatus);
}
