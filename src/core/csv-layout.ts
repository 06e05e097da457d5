import { RESULT_COLUMNS } from './result.js';
import { normaliseColumnName } from './map-header.js';

/** How a policy file separates its values, and whether its first line is Excel's `sep=` line. */
export interface CsvLayout {
  readonly delimiter: ',' | ';';
  /** The file opens with `sep=;` (or `sep=,`), which Excel writes and which is not the header. */
  readonly sepLine: boolean;
}

/**
 * The separator, read from the start of the file: Excel's `sep=` line when there is one, else the header
 * line (`;` when it holds semicolons and no comma). Excel saves "CSV" with `;` wherever the decimal mark
 * is a comma, so both are read rather than refusing half of Europe's spreadsheets.
 */
export function detectCsvLayout(start: string): CsvLayout {
  const lines = start.replace(/^\uFEFF/, '').split(/\r?\n/);
  const sep = /^"?sep=([,;])"?$/i.exec((lines[0] ?? '').trim());
  if (sep) return { delimiter: sep[1] as ',' | ';', sepLine: true };
  const header = lines.find((line) => line.trim() !== '') ?? '';
  return { delimiter: header.includes(';') && !header.includes(',') ? ';' : ',', sepLine: false };
}

const OUTCOME_COLUMNS = new Set(['status', 'RequestId', 'ErrorCode', 'attempts'].map(normaliseColumnName));
const RESULT_NAMES = new Set<string>(RESULT_COLUMNS.map(normaliseColumnName));

/** A header of this tool's own results export (or a journal's JSON): a record of a run, not policies to create. */
export function looksLikeResults(headerCells: readonly string[]): boolean {
  const names = headerCells.map(normaliseColumnName);
  return names.filter((n) => OUTCOME_COLUMNS.has(n)).length >= 2 && names.every((n) => RESULT_NAMES.has(n) || n === 'rolearn');
}

/** The start of a JSON results or journal file (`.json` is an array of results, `.jsonl` one object a line). */
export function looksLikeJsonRecord(start: string): boolean {
  const text = start.replace(/^\uFEFF/, '').trimStart();
  return (text.startsWith('{') || text.startsWith('[')) && /"(status|kind|run)"\s*:/.test(text);
}
