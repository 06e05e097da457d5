import { policyKey, type InputColumn, type PolicyRow } from './policy-row.js';
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

/** Validates a table row by row, keeping only what is needed to find duplicates at the end. */
export function createIntake(header: readonly string[], defaults: RowDefaults, headerLine = 1): IntakeBuilder {
  const { columns, problems: headerProblems } = mapHeader(header, headerLine);
  // Cells are kept only for rows with problems; a clean row's cells can be rebuilt from its request.
  const checked: { line: number; cells?: RowCells; row?: PolicyRow; problems: readonly Problem[] }[] = [];
  const linesByKey = new Map<string, number[]>();

  function add(line: number, raw: readonly string[]): void {
    const cells: RowCells = {};
    columns.forEach((column, i) => {
      cells[column] = (raw[i] ?? '').trim();
    });
    if (cells.RegistryId && cells.NamespaceName) {
      const key = policyKey({ RegistryId: cells.RegistryId, NamespaceName: cells.NamespaceName });
      const lines = linesByKey.get(key);
      if (lines) lines.push(line);
      else linesByKey.set(key, [line]);
    }
    if (raw.length !== columns.length) {
      const message = t('intake.fieldCount', { fields: raw.length, columns: columns.length });
      checked.push({ line, cells, problems: [{ severity: 'error', line, message }] });
      return;
    }
    const { row, problems } = validateRow(line, cells, defaults);
    checked.push(problems.length === 0 ? { line, row, problems } : { line, cells, row, problems });
  }

  function finish(): Intake {
    const duplicateOf = new Map<number, number[]>();
    for (const lines of linesByKey.values()) {
      if (lines.length > 1) for (const line of lines) duplicateOf.set(line, lines.filter((l) => l !== line));
    }
    const rows: PolicyRow[] = [];
    const invalid: InvalidRow[] = [];
    const problems: Problem[] = [];
    for (const entry of checked) {
      const { line, row } = entry;
      const rowProblems = [...entry.problems];
      const others = duplicateOf.get(line);
      if (others) {
        rowProblems.push({
          severity: 'error',
          line,
          column: 'NamespaceName',
          value: entry.cells?.NamespaceName ?? row?.request.NamespaceName,
          message: t('intake.duplicate', { lines: others.join(', ') }),
        });
      }
      problems.push(...rowProblems);
      const isError = rowProblems.some((p) => p.severity === 'error');
      if (row && !isError) rows.push(row);
      else invalid.push({ line, cells: entry.cells ?? (row ? cellsOf(row) : {}), problems: rowProblems });
    }
    return { rows, invalid, problems, total: checked.length };
  }

  function cellsOf(row: PolicyRow): RowCells {
    const { Domain, Disabled, ...required } = row.request;
    return { ...required, Domain: Domain ?? '', Disabled: Disabled === undefined ? '' : String(Disabled), Region: row.region };
  }

  return { headerProblems, add, finish };
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
