import { coverageTotals, formatPercent, type RegistryCoverage } from '../core/coverage.js';
import { plural } from './plural.js';

const HEADERS = ['REGISTRY', 'REGION', 'STATUS', 'NAMESPACES', 'SIGNING', 'UNSIGNED', 'COVERAGE'] as const;
/** Columns from NAMESPACES on hold numbers: right-aligned. */
const FIRST_NUMBER = 3;
const GAP = '  ';

function cellsOf(r: RegistryCoverage): string[] {
  const figures = r.error ? ['?', '?', '?', 'unreadable'] : [String(r.namespaces), String(r.signing), String(r.notSigning), formatPercent(r)];
  return [r.registryId, r.region, r.status, ...figures];
}

function figuresLine(c: { readonly namespaces: number; readonly signing: number; readonly notSigning: number }): string {
  return `${plural(c.namespaces, 'namespace')}: ${c.signing} signing, ${c.notSigning} not signing (${formatPercent(c)})`;
}

/**
 * The registries as a table when it fits in `width` columns; otherwise two short lines per registry,
 * so a 60-column terminal never wraps a row. Totals at the end in either form.
 */
export function formatCoverageTable(rows: readonly RegistryCoverage[], width: number): string {
  const table = [HEADERS as readonly string[], ...rows.map(cellsOf)];
  const widths = HEADERS.map((_, i) => Math.max(...table.map((cells) => (cells[i] ?? '').length)));
  const tableWidth = widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1);
  const body =
    tableWidth <= width
      ? table.map((cells) => cells.map((c, i) => (i >= FIRST_NUMBER ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(GAP).trimEnd()).join('\n')
      : rows.map((r) => `${r.registryId}  ${r.region}  ${r.status}\n  ${r.error ? `could not be read: ${r.error.code}` : figuresLine(r)}`).join('\n');
  return `${body}\n\n${totalsLines(rows)}`;
}

function totalsLines(rows: readonly RegistryCoverage[]): string {
  const t = coverageTotals(rows);
  const regions = new Set(rows.map((r) => r.region)).size;
  const unread = t.unreadable ? ` (${t.unreadable} unreadable, not counted)` : '';
  return `Total: ${plural(t.registries, 'registry', 'registries')} in ${plural(regions, 'region')}${unread}\n  ${figuresLine(t)}\n`;
}

/** Why each unreadable registry could not be read, and what to do: for stderr. */
export function formatReadFailures(rows: readonly RegistryCoverage[], others = 'the others are shown'): string {
  const failed = rows.filter((r) => r.error);
  if (failed.length === 0) return '';
  const lines = failed.map((r) => {
    const id = r.error?.requestId ? ` (RequestId ${r.error.requestId})` : '';
    return `  ${r.registryId} (${r.region}): ${r.error?.code}: ${r.error?.message}${id}`;
  });
  const hints = [...new Set(failed.map((r) => r.error?.hint ?? ''))].filter(Boolean).map((h) => `hint: ${h}`);
  return `error: ${plural(failed.length, 'registry', 'registries')} could not be read; ${others}:\n${lines.join('\n')}\n${hints.join('\n')}\n`;
}
