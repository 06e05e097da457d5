import { closeSync, openSync, statSync } from 'node:fs';
import { isatty } from 'node:tty';
import { InputError } from '../core/errors.js';
import { isError } from '../core/problem.js';
import { invalidResult, type Intake } from '../core/policy-intake.js';
import type { RowResult } from '../core/result.js';
import { readPolicyCsv, sourceName } from '../services/read-policy-csv.js';
import { problemLines } from '../core/format-input-error.js';
import { wrapCells } from '../ui/fit-cells.js';
import { count } from '../i18n/count.js';
import { t } from '../i18n/messages.js';

export interface LoadedRows {
  readonly intake: Intake;
  /** `invalid` results for the rows that cannot be sent (only with --skip-invalid). */
  readonly invalidResults: readonly RowResult[];
}

/**
 * Reads and checks the whole file before anything is sent. Without --skip-invalid, any error
 * refuses the file with every problem listed; warnings are always shown.
 */
export async function loadRows(path: string, region: string | undefined, skipInvalid: boolean, err: NodeJS.WritableStream): Promise<LoadedRows> {
  const source = sourceName(path);
  const waiting = waitingFor(path);
  if (waiting) err.write(`${waiting}\n`);
  const intake = await readPolicyCsv(path, { region });
  const errors = intake.problems.filter(isError);
  if (errors.length > 0 && !skipInvalid) {
    throw new InputError(
      t('intake.refused', { problems: count('count.problem', errors.length), rows: count('count.row', intake.invalid.length), total: intake.total }),
      source,
      intake.problems,
      t('intake.refusedHint'),
    );
  }
  // Wrapped between words to the terminal, each problem's later lines indented under its first.
  const columns = (err as { columns?: number }).columns || Infinity;
  const shown = problemLines(intake.problems, source).flatMap((line) => wrapCells(line, columns, { indent: 2 }));
  if (shown.length > 0) err.write(`${shown.join('\n')}\n`);
  return { intake, invalidResults: intake.invalid.map((row) => invalidResult(row, { region })) };
}

/**
 * What to say before reading an input that may wait for someone: a terminal (`-` on a terminal, or a
 * tty device) or a named pipe with no writer yet would otherwise block in silence.
 */
function waitingFor(path: string): string | undefined {
  if (path === '-') return process.stdin.isTTY ? t('csv.waitingTerminal') : undefined;
  try {
    const stat = statSync(path);
    if (stat.isFIFO()) return t('csv.waitingPipe', { path });
    if (stat.isCharacterDevice() && isTerminal(path)) return t('csv.waitingTerminal');
  } catch {
    // the reader reports a path it cannot read
  }
  return undefined;
}

function isTerminal(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    return isatty(fd);
  } finally {
    closeSync(fd);
  }
}
