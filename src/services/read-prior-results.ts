import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { UsageError } from '../core/errors.js';
import { t } from '../i18n/messages.js';
import type { PriorRecord, RunLine } from '../core/journal-lines.js';
import { restoreFormula } from '../core/neutralise-formula.js';
import { POLICY_ITEMS } from '../core/policy-item.js';
import type { ItemKind, ItemResult } from '../core/work-item.js';

type Cells = Readonly<Record<string, unknown>>;

/**
 * Every record of a results export or a journal of an earlier run, in file order; `what` names the
 * file in errors. Lines that are not records of this tool are refused with their line numbers.
 */
export function readPriorRecords(path: string, what: string): Promise<PriorRecord[]> {
  return readItemRecords(path, what, POLICY_ITEMS);
}

/** What reading a kind's records needs of it: its key, and how it reads a result back. */
export type RecordKind<R extends ItemResult> = Pick<ItemKind<unknown, R>, 'key' | 'read'>;

/** The same, for the results of any kind of item (sign-images' tags): a line that is not one of its results is refused. */
export async function readItemRecords<R extends ItemResult>(path: string, what: string, kind: RecordKind<R>): Promise<PriorRecord<R>[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? t('prior.noSuchFile') : code === 'EISDIR' ? t('prior.isDirectory') : (error as Error).message;
    throw new UsageError(t('prior.cannotRead', { what, path, why }), t('prior.readHint'));
  }
  // An empty file is no record of anything: read as a fresh start, it would call the batch's own policies `skipped`.
  if (text.trim() === '') throw new UsageError(t('prior.empty', { what, path }), t('prior.emptyHint'));
  const ext = extname(path).toLowerCase();
  let items: { readonly where: number; readonly cells: unknown }[];
  try {
    if (ext === '.csv') items = (parse(text, { bom: true, columns: true, skip_empty_lines: true, cast: restoreFormula }) as unknown[]).map((cells, i) => ({ where: i + 2, cells }));
    else if (ext === '.json') items = (JSON.parse(text) as unknown[]).map((cells, i) => ({ where: i + 1, cells }));
    else items = jsonLines(text, path, what);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(t('prior.notResults', { what, path, why: (error as Error).message }), t('prior.hint'));
  }
  if (!Array.isArray(items)) throw new UsageError(t('prior.notResultsBare', { what, path }), t('prior.hint'));
  if (items.length === 0) throw new UsageError(t('prior.empty', { what, path }), t('prior.emptyHint'));
  const records: PriorRecord<R>[] = [];
  const bad: number[] = [];
  for (const { where, cells } of items) {
    const record = recordOf(cells as Cells, kind);
    if (record) records.push(record);
    else bad.push(where);
  }
  if (records.length === 0 && bad.length > 0) throw new UsageError(t('prior.noStatus', { what, path }), t('prior.hint'));
  if (bad.length > 0) {
    const key = ext === '.json' ? (bad.length > 1 ? 'prior.notRecordItems' : 'prior.notRecordItem') : bad.length > 1 ? 'prior.notRecordLines' : 'prior.notRecordLine';
    throw new UsageError(t(key, { what, path, list: listed(bad) }), t('prior.hint'));
  }
  return records;
}

/** JSON lines, each numbered; a last line without its newline was cut off by a crash and is left out if it does not parse. */
function jsonLines(text: string, path: string, what: string): { where: number; cells: unknown }[] {
  const lines = text.split('\n');
  const partial = text.endsWith('\n') ? undefined : lines.length;
  const items: { where: number; cells: unknown }[] = [];
  const corrupt: number[] = [];
  lines.forEach((l, i) => {
    if (!l.trim()) return;
    try {
      items.push({ where: i + 1, cells: JSON.parse(l) });
    } catch {
      // the row a cut-off last line described was in flight when the journal stopped: never finished
      if (i + 1 !== partial) corrupt.push(i + 1);
    }
  });
  if (corrupt.length > 0) {
    throw new UsageError(t(corrupt.length > 1 ? 'prior.damagedLines' : 'prior.damagedLine', { what, path, list: listed(corrupt) }), t('prior.damagedHint'));
  }
  return items;
}

const listed = (numbers: readonly number[]): string =>
  numbers.length > 10 ? t('prior.andMore', { list: numbers.slice(0, 10).join(', '), n: numbers.length - 10 }) : numbers.join(', ');
const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const optional = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** A record of any kind: the run and intent lines are the same for every kind; a result is read by the kind. */
function recordOf<R extends ItemResult>(c: Cells | null, kind: RecordKind<R>): PriorRecord<R> | undefined {
  if (typeof c !== 'object' || c === null) return undefined;
  if (c.kind === 'run') {
    if (typeof c.run !== 'string' || typeof c.input !== 'string') return undefined;
    return { kind: 'run', run: c.run, input: c.input, at: text(c.at) };
  }
  if (c.kind === 'intent') {
    if (typeof c.key !== 'string') return undefined;
    return {
      kind: 'intent', key: c.key, run: optional(c.run), input: optional(c.input),
      attempt: Number(c.attempt) || 1, at: text(c.at), notSigningBefore: c.baseline === 'not-signing',
    };
  }
  const result = kind.read?.(c);
  if (!result) return undefined;
  return { kind: 'result', key: kind.key(result), run: optional(c.run), input: optional(c.input), result, note: optional(c.note) };
}

/**
 * The journal written by the run that wrote an export: beside it, named after it
 * (`<base>.<run>.journal.jsonl`), the last one closed before the export was written.
 */
export function journalOfExport(exportPath: string): string | undefined {
  const dir = dirname(exportPath);
  const prefix = `${basename(exportPath, extname(exportPath))}.`;
  try {
    const written = statSync(exportPath).mtimeMs;
    const candidates = readdirSync(dir)
      .filter((name) => name.startsWith(prefix) && name.endsWith('.journal.jsonl'))
      .map((name) => ({ path: join(dir, name), at: statSync(join(dir, name)).mtimeMs }))
      .filter((c) => c.at <= written)
      .sort((a, b) => b.at - a.at);
    return candidates[0]?.path;
  } catch {
    return undefined;
  }
}

/**
 * The endpoints the run behind a journal or an export sent to, from the journal's first line (an
 * export's: the journal beside it); undefined when no journal says (an older one, or none found).
 */
export async function recordedEndpoints(path: string): Promise<readonly string[] | undefined> {
  for (const file of [path, journalOfExport(path)]) {
    const line = file ? await firstLine(file) : undefined;
    if (line?.kind === 'run' && Array.isArray(line.endpoint)) return line.endpoint.map(String);
  }
  return undefined;
}

async function firstLine(path: string): Promise<Partial<RunLine> | undefined> {
  try {
    return JSON.parse((await readFile(path, 'utf8')).split('\n', 1)[0] ?? '') as Partial<RunLine>;
  } catch {
    return undefined;
  }
}

/** Keys whose intents say the namespace did not sign before the run (the plan's baseline). */
export function recordedBaseline<R extends ItemResult>(records: readonly PriorRecord<R>[]): Set<string> {
  // A journal's every intent line carries its baseline, carried-forward ones included.
  return new Set(records.flatMap((r) => (r.kind === 'intent' && r.notSigningBefore ? [r.key] : [])));
}
