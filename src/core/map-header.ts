import { INPUT_COLUMNS, OPTIONAL_COLUMNS, type InputColumn } from './policy-row.js';
import type { Problem } from './problem.js';
import { t } from '../i18n/messages.js';

/** Header matching ignores case, spaces, `_` and `-`: `registry_id` and `Registry Id` both mean RegistryId. */
export function normaliseColumnName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

const byNormalName = new Map(INPUT_COLUMNS.map((c) => [normaliseColumnName(c), c]));

export interface HeaderMapping {
  /** For each cell position, the column it holds. */
  readonly columns: readonly InputColumn[];
  readonly problems: readonly Problem[];
}

export function mapHeader(cells: readonly string[], line = 1): HeaderMapping {
  const columns: InputColumn[] = [];
  const problems: Problem[] = [];
  const seen = new Set<InputColumn>();
  const error = (column: string, message: string): void => {
    problems.push({ severity: 'error', line, column, message });
  };
  cells.forEach((cell, index) => {
    const name = cell.trim();
    const column = byNormalName.get(normaliseColumnName(name));
    if (!column) {
      error(name || t('header.columnN', { n: index + 1 }), t('header.unknownColumn', { columns: INPUT_COLUMNS.join(', ') }));
    } else if (seen.has(column)) {
      error(name, t('header.twice', { column }));
    } else {
      seen.add(column);
    }
    columns.push(column ?? 'Domain');
  });
  for (const column of INPUT_COLUMNS) {
    if (!seen.has(column) && !OPTIONAL_COLUMNS.includes(column)) {
      error(column, t('header.missing'));
    }
  }
  return { columns, problems };
}
