import type { InputColumn, PolicyRow } from './policy-row.js';
import { displayValue, formatProblem, isError, type Problem } from './problem.js';
import { checkField } from './field-rules.js';
import { resultOf, type RowResult } from './result.js';
import { mapHeader } from './map-header.js';
import { validateRow, type RowCells, type RowDefaults } from './validate-row.js';
import { t } from '../i18n/messages.js';

/** A row that cannot be sent, with every reason why. */
export interface InvalidRow {
  readonly line: number;
  readonly cells: RowCells;
  readonly problems: readonly Problem[];
}

/** Everything learned from an input table: what can be sent, what cannot, and every problem in line order. */
export interface Intake {
  readonly rows: readonly PolicyRow[];
  readonly invalid: readonly InvalidRow[];
  readonly problems: readonly Problem[];
  /** Data rows read (valid + invalid). */
  readonly total: number;
}

export interface IntakeBuilder {
  /** Header problems: when there are any, rows cannot be read and add() should not be called. */
  readonly headerProblems: readonly Problem[];
  add(line: number, cells: readonly string[]): void;
  finish(): Intake;
}

/** A row kept for the end: a clean row as it will be sent, or a row with problems and the cells it was given. */
type Checked = PolicyRow | { readonly line: number; readonly cells: RowCells; readonly row?: PolicyRow; readonly problems: readonly Problem[] };

/**
 * Validates a table row by row, keeping only what is needed to find duplicates at the end: a clean row
 * is kept as the row it will send (its cells, its problems list and its key string are not), and values
 * that repeat down a column (registries, keys, regions, roles) are kept once, so a 50 MB file stays small.
 */
export function createIntake(header: readonly string[], defaults: RowDefaults, headerLine = 1): IntakeBuilder {
  const { columns, problems: headerProblems } = mapHeader(header, headerLine);
  const checked: Checked[] = [];
  const keys = createKeyLines();
  const shared = createInterner(REPEATING);

  function add(line: number, raw: readonly string[]): void {
    const cells: RowCells = {};
    columns.forEach((column, i) => {
      cells[column] = shared(column, (raw[i] ?? '').trim());
    });
    if (cells.RegistryId && cells.NamespaceName) keys.add(cells.RegistryId, cells.NamespaceName, line);
    if (raw.length !== columns.length) {
      const message = t('intake.fieldCount', { fields: raw.length, columns: columns.length });
      checked.push({ line, cells, problems: [{ severity: 'error', line, message }] });
      return;
    }
    const { row, problems } = validateRow(line, cells, defaults);
    checked.push(row && problems.length === 0 ? row : { line, cells, row, problems });
  }

  function finish(): Intake {
    const rows: PolicyRow[] = [];
    const invalid: InvalidRow[] = [];
    const problems: Problem[] = [];
    for (const entry of checked) {
      const others = keys.duplicatesOf(entry.line);
      if ('request' in entry && !others) {
        rows.push(entry);
        continue;
      }
      const { line, row, cells } = 'request' in entry ? { line: entry.line, row: entry, cells: undefined } : entry;
      const rowProblems = 'problems' in entry ? [...entry.problems] : [];
      if (others) {
        rowProblems.push({
          severity: 'error',
          line,
          column: 'NamespaceName',
          value: cells?.NamespaceName ?? row?.request.NamespaceName,
          message: t('intake.duplicate', { lines: others.join(', ') }),
        });
      }
      problems.push(...rowProblems);
      const isError = rowProblems.some((p) => p.severity === 'error');
      if (row && !isError) rows.push(row);
      else invalid.push({ line, cells: cells ?? (row ? cellsOf(row) : {}), problems: rowProblems });
    }
    return { rows, invalid, problems, total: checked.length };
  }

  function cellsOf(row: PolicyRow): RowCells {
    const { Domain, Disabled, ...required } = row.request;
    return { ...required, Domain: Domain ?? '', Disabled: Disabled === undefined ? '' : String(Disabled), Region: row.region };
  }

  return { headerProblems, add, finish };
}

/** Columns whose values usually repeat down a file: kept once each rather than once per row. */
const REPEATING: ReadonlySet<InputColumn> = new Set<InputColumn>(['RegistryId', 'KmsId', 'KmsRegion', 'Region', 'RoleArn']);
/** Distinct values kept per column: a column that turns out not to repeat stops being collected. */
const MAX_SHARED = 4096;

/** One copy of each repeating value: the parser hands every cell over as a string of its own. */
function createInterner(columns: ReadonlySet<InputColumn>): (column: InputColumn, value: string) => string {
  const seen = new Map<InputColumn, Map<string, string>>();
  return (column, value) => {
    if (!columns.has(column)) return value;
    let values = seen.get(column);
    if (!values) seen.set(column, (values = new Map()));
    const known = values.get(value);
    if (known !== undefined) return known;
    if (values.size < MAX_SHARED) values.set(value, value);
    return value;
  };
}

/**
 * The lines of each RegistryId + NamespaceName, by registry then namespace (the row's own strings, no
 * key built per row); only a key seen twice gets a list of lines.
 */
function createKeyLines(): { add(registry: string, namespace: string, line: number): void; duplicatesOf(line: number): number[] | undefined } {
  const first = new Map<string, Map<string, number>>();
  const repeated = new Map<number, number[]>();
  return {
    add(registry, namespace, line) {
      let namespaces = first.get(registry);
      if (!namespaces) first.set(registry, (namespaces = new Map()));
      const earlier = namespaces.get(namespace);
      if (earlier === undefined) {
        namespaces.set(namespace, line);
        return;
      }
      // Every line of the key shares one list, reached from each of its lines.
      const lines = repeated.get(earlier) ?? [earlier];
      lines.push(line);
      repeated.set(earlier, lines);
      repeated.set(line, lines);
    },
    duplicatesOf(line) {
      const lines = repeated.get(line);
      return lines?.filter((l) => l !== line);
    },
  };
}

/** The `invalid` result of a row: its cells as given, and every error joined into one message. */
export function invalidResult(row: InvalidRow, defaults: RowDefaults): RowResult {
  // A broken cell (over-long, control characters) is kept only as a message would quote it: never sent, never echoed whole.
  const cell = (column: InputColumn): string => {
    const value = row.cells[column] ?? '';
    return checkField(value) ? displayValue(value) : value;
  };
  const errors = row.problems.filter(isError).map((p) => formatProblem({ ...p, severity: 'error', line: 0 }).slice(`${t('problem.error')}${t('problem.colon')}`.length));
  return resultOf(
    {
      line: row.line,
      Region: cell('Region') || defaults.region || '',
      RegistryId: cell('RegistryId'),
      NamespaceName: cell('NamespaceName'),
      Name: cell('Name'),
      KmsId: cell('KmsId'),
      KmsRegion: cell('KmsRegion'),
      Domain: cell('Domain'),
      Disabled: cell('Disabled'),
      ...(cell('RoleArn') || defaults.roleArn ? { RoleArn: cell('RoleArn') || defaults.roleArn } : {}),
    },
    'invalid',
    { ErrorCode: 'InvalidInput', ErrorMessage: errors.join('; ') },
  );
}
