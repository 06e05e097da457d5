import { coverageTotals, formatPercent, type RegistryCoverage } from '../core/coverage.js';
import stringWidth from 'string-width';
import { count } from '../i18n/count.js';
import { t } from '../i18n/messages.js';

const HEADERS = ['status.colRegistry', 'status.colRegion', 'status.colStatus', 'status.colNamespaces', 'status.colSigning', 'status.colUnsigned', 'status.colCoverage'] as const;
/** Columns from NAMESPACES on hold numbers: right-aligned. */
const FIRST_NUMBER = 3;
const GAP = '  ';

function cellsOf(r: RegistryCoverage, withAccount: boolean): string[] {
  const figures = r.error ? ['?', '?', '?', t('status.unreadable')] : [String(r.namespaces), String(r.signing), String(r.notSigning), formatPercent(r)];
  return [...(withAccount ? [accountOf(r)] : []), r.registryId, r.region, r.status, ...figures];
}

/** The account a registry belongs to, as the table names it: its role, or the base credentials. */
const accountOf = (r: RegistryCoverage): string => r.roleArn ?? t('account.base');

function figuresLine(c: { readonly namespaces: number; readonly signing: number; readonly notSigning: number }): string {
  return t('status.figures', { namespaces: count('count.namespace', c.namespaces), signing: c.signing, notSigning: c.notSigning, percent: formatPercent(c) });
}

/**
 * The registries as a table when it fits in `width` columns; otherwise two short lines per registry,
 * so a 60-column terminal never wraps a row. Totals at the end in either form.
 */
export function formatCoverageTable(rows: readonly RegistryCoverage[], width: number): string {
  // Several accounts in one table: the account a registry belongs to is the first column.
  const withAccount = rows.some((r) => r.roleArn);
  const headers = [...(withAccount ? (['status.colAccount'] as const) : []), ...HEADERS];
  const firstNumber = FIRST_NUMBER + (withAccount ? 1 : 0);
  const table = [headers.map((key) => t(key)), ...rows.map((r) => cellsOf(r, withAccount))];
  // Cells, not characters: the headings may be Chinese, two cells a character.
  const widths = headers.map((_, i) => Math.max(...table.map((cells) => stringWidth(cells[i] ?? ''))));
  const pad = (c: string, w: number, start: boolean): string => (start ? ' '.repeat(Math.max(0, w - stringWidth(c))) + c : c + ' '.repeat(Math.max(0, w - stringWidth(c))));
  const tableWidth = widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1);
  const body =
    tableWidth <= width
      ? table.map((cells) => cells.map((c, i) => pad(c, widths[i] ?? 0, i >= firstNumber)).join(GAP).trimEnd()).join('\n')
      : rows.map((r) => `${withAccount ? `${accountOf(r)}\n  ` : ''}${r.registryId}  ${r.region}  ${r.status}\n  ${r.error ? t('status.couldNotRead', { code: r.error.code }) : figuresLine(r)}`).join('\n');
  return `${body}\n\n${totalsLines(rows)}`;
}

function totalsLines(rows: readonly RegistryCoverage[]): string {
  const totals = coverageTotals(rows);
  const regions = new Set(rows.map((r) => r.region)).size;
  const unread = totals.unreadable ? t('status.unreadCount', { n: totals.unreadable }) : '';
  return `${t('status.total', { registries: count('count.registry', totals.registries), regions: count('count.region', regions), unread })}\n  ${figuresLine(totals)}\n`;
}

/** Why each unreadable registry could not be read, and what to do: for stderr. */
export function formatReadFailures(rows: readonly RegistryCoverage[], others = t('status.othersShown')): string {
  const failed = rows.filter((r) => r.error);
  if (failed.length === 0) return '';
  const lines = failed.map((r) => {
    const id = r.error?.requestId ? t('status.requestId', { id: r.error.requestId }) : '';
    return `  ${r.registryId} (${r.region}): ${r.error?.code}: ${r.error?.message}${id}`;
  });
  const hints = [...new Set(failed.map((r) => r.error?.hint ?? ''))].filter(Boolean).map((h) => t('error.hint', { hint: h }));
  const head = t('error.prefix', { message: t('status.failedRead', { registries: count('count.registry', failed.length), others }) });
  return `${head}\n${lines.join('\n')}\n${hints.join('\n')}\n`;
}
