import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse, type Info, type Options } from 'csv-parse';
import { InputError, UsageError } from '../core/errors.js';
import { createIntake, type Intake, type IntakeBuilder } from '../core/policy-intake.js';
import type { RowDefaults } from '../core/validate-row.js';
import { checkEncoding } from './check-encoding.js';
import { normaliseLineEnds } from './normalise-line-ends.js';

/** Human name of an input: the path, or "standard input" for `-`. */
export function sourceName(path: string): string {
  return path === '-' ? 'standard input' : path;
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
    throw new InputError(`${source} is not a CSV this tool can read`, source, [{ severity: 'error', line, message }], hint);
  };
  let intake: IntakeBuilder | undefined;
  // Where the last complete record ended, updated as csv-parse emits it (not as we consume it), so an
  // error that ends the stream early still knows where the broken record began.
  const last = { lines: 0, empty: 0 };
  const parser = parse({
    bom: true,
    info: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    record_delimiter: '\n',
    // With `info`, csv-parse hands on_record the {record, info} pair; its typings only know the bare record.
    on_record: ((record: { info: Info }) => {
      last.lines = record.info.lines;
      last.empty = record.info.empty_lines;
      return record;
    }) as unknown as Options['on_record'],
  });
  let checkedStart = false;
  input.on('data', (chunk: Buffer | string) => {
    if (checkedStart) return;
    checkedStart = true;
    const why = checkEncoding(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    if (why) parser.destroy(new UsageError(why.message, why.hint));
  });
  input.once('error', (error: NodeJS.ErrnoException) => parser.destroy(error));
  input.pipe(normaliseLineEnds()).pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      const newlinesInside = record.reduce((n, cell) => n + countNewlines(cell), 0);
      const line = info.lines - newlinesInside;
      const cell = record.find((c) => c.includes('\uFFFD'));
      if (cell !== undefined) fail(line, 'not UTF-8 text', 'save the file as "CSV UTF-8" and try again');
      if (record.every((c) => c === '')) continue;
      if (!intake) {
        intake = createIntake(record, defaults, line);
        if (intake.headerProblems.length > 0) {
          throw new InputError(`the header of ${source} has problems`, source, intake.headerProblems, 'run `tcr-sigpolicy template` for a header with every column');
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
  if (!intake) fail(0, 'the file is empty; it needs a header row and at least one row', 'run `tcr-sigpolicy template > policies.csv` for a start');
  const result = (intake as IntakeBuilder).finish();
  if (result.total === 0) fail(0, 'there are no rows after the header', 'add one row per namespace (see `tcr-sigpolicy template`)');
  return result;
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
    return new InputError(`${source} is not a CSV this tool can read`, source, [{ severity: 'error', line: 0, message: error.message }], error.hint);
  }
  // Both node's fs errors and csv-parse's errors carry a string code; csv-parse adds where it stopped.
  const e = error as { code?: string; lines?: number; empty_lines?: number };
  if (e.code === 'ENOENT') return new UsageError(`cannot read ${source}: no such file`, 'check the path, or pass - to read standard input');
  if (e.code === 'EISDIR') return new UsageError(`cannot read ${source}: it is a directory`, 'pass the path of a CSV file');
  if (e.code === 'EACCES') return new UsageError(`cannot read ${source}: permission denied`, 'check the file permissions');
  // The disk, the network share or the pipe failed under us: the input's problem, not a bug (exit 2, not 70).
  if ((error as { syscall?: string }).syscall === 'read' || e.code === 'EIO') {
    return new UsageError(`cannot read ${source}: ${e.code ?? 'read error'} (${(error as Error).message})`, 'check the disk or the device it is on, or copy the file somewhere else and try again');
  }
  const problem = (line: number, message: string, hint: string): Error =>
    new InputError(`${source} is not valid CSV`, source, [{ severity: 'error', line, message }], hint);
  const quoteHint = 'put values that contain commas, quotes or line breaks in double quotes, and double any quote inside them ("")';
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED': {
      const emptySince = (e.empty_lines ?? last.empty) - last.empty;
      return problem(last.lines + 1 + emptySince, 'a quoted value opens here and is never closed', quoteHint);
    }
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return problem(e.lines ?? 0, 'text follows the closing quote of a value', quoteHint);
    case 'CSV_INVALID_OPENING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return problem(e.lines ?? 0, 'a quote inside an unquoted value', quoteHint);
    default:
      // Any other csv-parse complaint is still about the file, not a bug: say where it stopped.
      if (e.code?.startsWith('CSV_') && e.lines !== undefined) return problem(e.lines, (error as Error).message, quoteHint);
      return error instanceof Error ? error : new Error(String(error));
  }
}
