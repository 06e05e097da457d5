import stringWidth from 'string-width';
import type { NamespaceImages } from '../core/image-coverage.js';
import { t } from '../i18n/messages.js';

const HEADERS = ['images.colRegistry', 'images.colNamespace', 'images.colPolicy', 'images.colRepositories', 'images.colImages', 'images.colSigned', 'images.colUnsigned', 'images.colCoverage'] as const;
/** Columns from REPOSITORIES on hold numbers: right-aligned. */
const FIRST_NUMBER = 3;
const GAP = '  ';

/** Signed images of all, as a whole percentage; a namespace without images is '-'. */
const coverageOf = (n: NamespaceImages): string => (n.images === 0 ? '-' : `${Math.floor((n.signedImages / n.images) * 100)}%`);

/** `status --images`: one line per namespace, then the totals. Widths in cells (the headings may be Chinese). */
export function formatImageCoverage(rows: readonly NamespaceImages[]): string {
  // Several accounts in one table: the account a namespace lives in is the first column, as in `status`.
  const withAccount = rows.some((n) => n.RoleArn);
  const headers = [...(withAccount ? (['status.colAccount'] as const) : []), ...HEADERS];
  const firstNumber = FIRST_NUMBER + (withAccount ? 1 : 0);
  const cells = [
    headers.map((key) => t(key)),
    ...rows.map((n) => [
      ...(withAccount ? [n.RoleArn ?? t('account.base')] : []),
      n.RegistryId, n.NamespaceName, t(n.signing ? 'images.policyYes' : 'images.policyNo'), String(n.repositories), String(n.images), String(n.signedImages), String(n.unsignedImages), coverageOf(n),
    ]),
  ];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => stringWidth(row[i] ?? ''))));
  const pad = (c: string, w: number, start: boolean): string => (start ? ' '.repeat(Math.max(0, w - stringWidth(c))) + c : c + ' '.repeat(Math.max(0, w - stringWidth(c))));
  const body = cells.map((row) => row.map((c, i) => pad(c, widths[i] ?? 0, i >= firstNumber)).join(GAP).trimEnd()).join('\n');
  const sum = (pick: (n: NamespaceImages) => number): number => rows.reduce((a, n) => a + pick(n), 0);
  const totals = t('images.totals', { namespaces: rows.length, images: sum((n) => n.images), signed: sum((n) => n.signedImages), unsigned: sum((n) => n.unsignedImages) });
  return `${body}\n\n${totals}\n`;
}
