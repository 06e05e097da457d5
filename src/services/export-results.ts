import { closeSync, createWriteStream, openSync, statSync, unlinkSync, type WriteStream } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import { UsageError } from '../core/errors.js';
import { neutraliseFormula } from '../core/neutralise-formula.js';
import { RESULT_COLUMNS } from '../core/result.js';
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
 * is on disk. `columns`: the item kind's export columns (a policy row's by default).
 */
export async function exportResults<R extends ItemResult>(path: string, results: readonly R[], columns: readonly (keyof R & string)[] = RESULT_COLUMNS as readonly (keyof R & string)[]): Promise<void> {
  const format = exportFormatOf(path);
  const sorted = isSorted(results) ? results : [...results].sort((a, b) => a.line - b.line);
  const out = createWriteStream(path);
  try {
    await once(out, 'open');
  } catch (error) {
    throw cannotWrite(path, error as NodeJS.ErrnoException);
  }
  for (let i = 0; i < sorted.length || (i === 0 && format !== 'jsonl'); i += CHUNK) {
    const chunk = sorted.slice(i, i + CHUNK);
    await write(out, render(format, columns, chunk, i === 0, i + CHUNK >= sorted.length));
  }
  out.end();
  await once(out, 'finish');
}

function render<R extends ItemResult>(format: ExportFormat, columns: readonly (keyof R & string)[], chunk: readonly R[], first: boolean, last: boolean): string {
  switch (format) {
    case 'csv':
      return stringify(
        chunk.map((r) => columns.map((c) => neutraliseFormula(String(r[c])))),
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
  return Object.fromEntries(columns.map((c) => [c, r[c]])) as Partial<R>;
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

/**
 * Checks before anything is sent that the export can be written, so results are never lost at the
 * end: a known format, not a directory, an existing file only with --force, a writable place.
 */
export function checkWritable(path: string, force = false): void {
  exportFormatOf(path);
  let exists = false;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new UsageError(t('out.isDirectory', { path }), t('out.isDirectoryHint'));
    exists = true;
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
  if (exists && !force) throw new UsageError(t('status.outExists', { path }), t('status.outExistsHint'));
  // A real open rather than access(2): root passes every permission check, not a read-only mount or an immutable folder.
  const probe = exists ? path : join(dirname(resolve(path)), `.tcr-sigpolicy-probe-${process.pid}-${Date.now()}`);
  try {
    closeSync(openSync(probe, exists ? 'r+' : 'wx'));
    if (!exists) unlinkSync(probe);
  } catch (error) {
    throw cannotWrite(path, error as NodeJS.ErrnoException);
  }
}

/** --out must never be a file the run reads: the input CSV, or a results file being rolled back. */
export function refuseOverwriting(out: string | undefined, inputs: readonly string[], what: string): void {
  const same = out === undefined ? undefined : inputs.find((input) => input !== '-' && resolve(input) === resolve(out));
  if (same !== undefined) throw new UsageError(t('out.overwrite', { out: out ?? '', what, same }), t('out.overwriteHint'));
}
