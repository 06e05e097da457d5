import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse, type Info, type Options } from 'csv-parse';
import { detectCsvLayout, looksLikeJsonRecord, looksLikeResults } from '../core/csv-layout.js';
import { InputError, UsageError } from '../core/errors.js';
import { shellQuote } from '../core/command-line.js';
import { createIntake, type Intake, type IntakeBuilder } from '../core/policy-intake.js';
import type { RowDefaults } from '../core/validate-row.js';
import { checkEncoding } from './check-encoding.js';
import { normaliseLineEnds } from './normalise-line-ends.js';
import { peekStart } from './peek-start.js';
import { t } from '../i18n/messages.js';

/** Human name of an input: the path, or "standard input" for `-`. */
export function sourceName(path: string): string {
  return path === '-' ? t('csv.stdin') : path;
}

/**
 * Reads and validates a policy CSV, streaming it so big files stay flat in memory.
 * File-level problems (unreadable, not text, broken quoting, bad header) throw an InputError;
 * row problems are returned in the Intake for the caller to refuse or skip.
 */
export async function readPolicyCsv(path: string, defaults: RowDefaults, stdin: Readable = process.stdin): Promise<Intake> {
  const source = sourceName(path);
  const input = path === '-' ? stdin : createReadStream(path);
  const fail = (line: number, message: string, hint?: string): never => {
    throw new InputError(t('csv.unreadable', { source }), source, [{ severity: 'error', line, message }], hint);
  };
  let intake: IntakeBuilder | undefined;
  // Where the last complete record ended, updated as csv-parse emits it (not as we consume it), so an
  // error that ends the stream early still knows where the broken record began.
  const last = { lines: 0, empty: 0 };
  let start: string;
  try {
    start = (await peekStart(input)).toString('utf8');
  } catch (error) {
    throw explain(error, source, last);
  }
  if (looksLikeJsonRecord(start)) throw resultsFile(path);
  const layout = detectCsvLayout(start);
  const parser = parse({
    delimiter: layout.delimiter,
    ...(layout.sepLine ? { from_line: 2 } : {}),
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    record_delimiter: '\n',
    // Each record is handed on with the line it ended on, and nothing more: csv-parse's `info` option would
    // keep a copy of its whole state with every record of a chunk, the bulk of a big file's garbage.
    // Its typings say on_record returns a record; a [record, line] pair is what the loop below reads.
    on_record: ((record: string[], info: Info) => {
      last.lines = info.lines;
      last.empty = info.empty_lines;
      return [record, info.lines];
    }) as unknown as Options['on_record'],
  });
  let checkedStart = false;
  let resultsHeader = false;
  input.on('data', (chunk: Buffer | string) => {
    if (checkedStart) return;
    checkedStart = true;
    const why = checkEncoding(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    if (why) parser.destroy(new UsageError(why.message, why.hint));
  });
  input.once('error', (error: NodeJS.ErrnoException) => parser.destroy(error));
  input.pipe(normaliseLineEnds()).pipe(parser);
  try {
    for await (const [record, lines] of parser as AsyncIterable<[string[], number]>) {
      const newlinesInside = record.reduce((n, cell) => n + countNewlines(cell), 0);
      const line = lines - newlinesInside;
      const cell = record.find((c) => c.includes('\uFFFD'));
      if (cell !== undefined) fail(line, t('csv.notUtf8'), t('csv.notUtf8Hint'));
      if (record.every((c) => c === '')) continue;
      if (!intake) {
        if (looksLikeResults(record)) {
          resultsHeader = true;
          break;
        }
        intake = createIntake(record, defaults, line);
        if (intake.headerProblems.length > 0) {
          throw new InputError(t('csv.headerProblems', { source }), source, intake.headerProblems, t('csv.headerHint'));
        }
      } else {
        intake.add(line, record);
      }
    }
  } catch (error) {
    input.unpipe(parser);
    if (input !== stdin) input.destroy();
    throw explain(error, source, last);
  }
  if (resultsHeader) {
    input.unpipe(parser);
    if (input !== stdin) input.destroy();
    throw resultsFile(path);
  }
  if (!intake) fail(0, t('csv.empty'), t('csv.emptyHint'));
  const result = (intake as IntakeBuilder).finish();
  if (result.total === 0) fail(0, t('csv.noRows'), t('csv.noRowsHint'));
  return result;
}

/** A results or journal file where policies were expected: say what it is for instead of listing its columns. */
function resultsFile(path: string): UsageError {
  const file = path === '-' ? 'RESULTS' : shellQuote(path);
  return new UsageError(t('csv.resultsFile', { source: sourceName(path) }), t('csv.resultsFileHint', { file }));
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

/** Turns a stream or csv-parse failure into an error a user can act on. */
function explain(error: unknown, source: string, last: { readonly lines: number; readonly empty: number }): Error {
  if (error instanceof InputError) return error;
  if (error instanceof UsageError) {
    return new InputError(t('csv.unreadable', { source }), source, [{ severity: 'error', line: 0, message: error.message }], error.hint);
  }
  // Both node's fs errors and csv-parse's errors carry a string code; csv-parse adds where it stopped.
  const e = error as { code?: string; lines?: number; empty_lines?: number };
  if (e.code === 'ENOENT') return new UsageError(t('csv.noSuchFile', { source }), t('csv.noSuchFileHint'));
  if (e.code === 'EISDIR') return new UsageError(t('csv.isDirectory', { source }), t('csv.isDirectoryHint'));
  if (e.code === 'EACCES') return new UsageError(t('csv.permission', { source }), t('csv.permissionHint'));
  // The disk, the network share or the pipe failed under us: the input's problem, not a bug (exit 2, not 70).
  if ((error as { syscall?: string }).syscall === 'read' || e.code === 'EIO') {
    return new UsageError(t('csv.readError', { source, code: e.code ?? t('csv.readErrorCode'), message: (error as Error).message }), t('csv.readErrorHint'));
  }
  const problem = (line: number, message: string, hint: string): Error =>
    new InputError(t('csv.invalid', { source }), source, [{ severity: 'error', line, message }], hint);
  const quoteHint = t('csv.quoteHint');
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED': {
      const emptySince = (e.empty_lines ?? last.empty) - last.empty;
      return problem(last.lines + 1 + emptySince, t('csv.quoteNotClosed'), quoteHint);
    }
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return problem(e.lines ?? 0, t('csv.textAfterQuote'), quoteHint);
    case 'CSV_INVALID_OPENING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return problem(e.lines ?? 0, t('csv.quoteInside'), quoteHint);
    default:
      // Any other csv-parse complaint is still about the file, not a bug: say where it stopped.
      if (e.code?.startsWith('CSV_') && e.lines !== undefined) return problem(e.lines, (error as Error).message, quoteHint);
      return error instanceof Error ? error : new Error(String(error));
  }
}
