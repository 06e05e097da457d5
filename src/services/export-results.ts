import { closeSync, createWriteStream, openSync, realpathSync, statSync, unlinkSync, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import { UsageError } from '../core/errors.js';
import { neutraliseFormula } from '../core/neutralise-formula.js';
import { resultColumns, type RowResult } from '../core/result.js';
import type { ItemResult } from '../core/work-item.js';
import { t } from '../i18n/messages.js';

export type ExportFormat = 'csv' | 'json' | 'jsonl';

/** The export format a path asks for by its extension; a usage error for any other. */
export function exportFormatOf(path: string): ExportFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.json' || ext === '.jsonl') return ext.slice(1) as ExportFormat;
  throw new UsageError(t('out.format', { path, ext: ext || t('status.noExtension') }), t('out.formatHint'));
}

const CHUNK = 1000;

/**
 * Writes every result to `path` in the format its extension names, in line order, and waits until it
 * is on disk. It is written beside `path` and renamed over it only once complete: a full or vanished
 * disk leaves no half-written (or empty) results file, and an earlier one replaced with --force intact.
 * `results`: an array (sorted here when it is not in line order), or results made one by one in line
 * order (a preview's), written a chunk at a time as they come so they are never all held at once.
 * `columns`: the item kind's export columns; a policy row's by default (RoleArn after Region when a row has one).
 */
export async function exportResults<R extends ItemResult>(path: string, results: Iterable<R>, kindColumns?: readonly (keyof R & string)[]): Promise<void> {
  const format = exportFormatOf(path);
  const sorted = !Array.isArray(results) || isSorted(results) ? results : [...results].sort((a, b) => a.line - b.line);
  const partial = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  const out = createWriteStream(partial);
  try {
    await once(out, 'open');
  } catch (error) {
    throw cannotWrite(path, error as NodeJS.ErrnoException);
  }
  const columns = kindColumns ?? (resultColumns(sorted as Iterable<ItemResult> as Iterable<RowResult>) as readonly (keyof R & string)[]);
  try {
    // A full chunk is written once the next result shows it was not the last: the last one closes a JSON array.
    let chunk: R[] = [];
    let first = true;
    for (const result of sorted) {
      if (chunk.length === CHUNK) {
        await write(out, render(format, columns, chunk, first, false));
        first = false;
        chunk = [];
      }
      chunk.push(result);
    }
    if (chunk.length > 0 || (first && format !== 'jsonl')) await write(out, render(format, columns, chunk, first, true));
    out.end();
    await once(out, 'finish');
    await rename(partial, path);
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true }).catch(() => undefined);
    throw error;
  }
}

function render<R extends ItemResult>(format: ExportFormat, columns: readonly (keyof R & string)[], chunk: readonly R[], first: boolean, last: boolean): string {
  switch (format) {
    case 'csv':
      return stringify(
        chunk.map((r) => columns.map((c) => neutraliseFormula(String(r[c] ?? '')))),
        { header: first, columns: [...columns] },
      );
    case 'json': {
      const items = chunk.map((r) => `  ${JSON.stringify(pick(r, columns))}`).join(',\n');
      return `${first ? '[\n' : ',\n'}${items}${last ? '\n]\n' : ''}`.replace('[\n\n]', '[]');
    }
    case 'jsonl':
      return chunk.map((r) => `${JSON.stringify(pick(r, columns))}\n`).join('');
  }
}

/** Only the documented keys, in the documented order (results made by the kind's `result` already are). */
function pick<R extends ItemResult>(r: R, columns: readonly (keyof R & string)[]): Partial<R> {
  const keys = Object.keys(r);
  if (keys.length === columns.length && keys.every((k, i) => k === columns[i])) return r;
  return Object.fromEntries(columns.map((c) => [c, r[c] ?? ''])) as Partial<R>;
}

function isSorted(results: readonly ItemResult[]): boolean {
  for (let i = 1; i < results.length; i++) if ((results[i - 1] as ItemResult).line > (results[i] as ItemResult).line) return false;
  return true;
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (text && !out.write(text)) await once(out, 'drain');
}

function cannotWrite(path: string, error: NodeJS.ErrnoException): UsageError {
  const why = error.code === 'ENOENT' ? t('out.noDirectory') : error.code === 'EACCES' || error.code === 'EROFS' || error.code === 'EPERM' ? t('out.notWritable') : error.message;
  return new UsageError(t('out.cannotWrite', { path, why }), t('out.cannotWriteHint'));
}

/** What an --out must never replace: the files the command reads, and what they are to the user. */
export interface OutGuard {
  /** Let an existing file be replaced (--force). */
  readonly force?: boolean;
  /** The files the command reads (the input CSV, the results being rolled back); `-` is standard input. */
  readonly inputs?: readonly string[];
  /** What those files are, for the message ("input file"). */
  readonly what?: string;
}

/**
 * The one --out guard of every command, before anything is read or sent: not a directory, never a
 * file the command reads (by real path: a symlink to the input is the input), an existing file only
 * with --force, and a place that can really be written. The format is the caller's to check.
 */
export function guardOut(path: string, guard: OutGuard = {}): void {
  let exists = false;
  try {
    if (statSync(path).isDirectory()) throw new UsageError(t('out.isDirectory', { path }), t('out.isDirectoryHint'));
    exists = true;
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
  const same = (guard.inputs ?? []).find((input) => input !== '-' && realPathOf(input) === realPathOf(path));
  if (same !== undefined) throw new UsageError(t('out.overwrite', { out: path, what: guard.what ?? t('out.inputFile'), same }), t('out.overwriteHint'));
  if (exists && !guard.force) throw new UsageError(t('status.outExists', { path }), t('status.outExistsHint'));
  // A real open rather than access(2): root passes every permission check, not a read-only mount or an immutable folder.
  const probe = exists ? path : join(dirname(resolve(path)), `.tcr-sigpolicy-probe-${process.pid}-${Date.now()}`);
  try {
    closeSync(openSync(probe, exists ? 'r+' : 'wx'));
    if (!exists) unlinkSync(probe);
  } catch (error) {
    throw cannotWrite(path, error as NodeJS.ErrnoException);
  }
}

/** Where a path really leads: symlinks followed, for the file or, when it does not exist yet, its folder. */
function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/** A results export: a format this tool writes, then the one --out guard. */
export function checkWritable(path: string, guard: OutGuard = {}): void {
  exportFormatOf(path);
  guardOut(path, guard);
}
