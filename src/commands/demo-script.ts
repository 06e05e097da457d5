import { t, type MessageKey } from '../i18n/messages.js';
import { wrapCells } from '../ui/fit-cells.js';

/**
 * The rows of fixtures/sample.csv that the bundled seed makes go wrong on purpose, and how each ends.
 * The closing text is printed from this list and a test holds the demo's results to it, so what the
 * demo says and what it does cannot drift apart.
 */
export interface OnPurpose {
  readonly line: number;
  readonly row: string;
  readonly status: 'created' | 'failed' | 'invalid' | 'skipped';
  readonly ErrorCode: string;
  /** Attempts the row takes; 1 unless a transient fault is retried. */
  readonly attempts?: number;
  readonly why: Extract<MessageKey, `demo.why${string}`>;
}

export const ON_PURPOSE: readonly OnPurpose[] = [
  { line: 8, row: 'ap-guangzhou tcr-ab12cd34/ledger', status: 'invalid', ErrorCode: 'Blocked.KeyUsage', why: 'demo.whyKeyUsage' },
  { line: 9, row: 'ap-guangzhou tcr-ab12cd34/risk', status: 'invalid', ErrorCode: 'Blocked.KeyNotEnabled', why: 'demo.whyKeyDisabled' },
  { line: 30, row: 'ap-shanghai tcr-9x8y7z6w/catalog', status: 'skipped', ErrorCode: '', why: 'demo.whySigning' },
  { line: 31, row: 'ap-shanghai tcr-9x8y7z6w/identity', status: 'invalid', ErrorCode: 'Blocked.NamespaceNotFound', why: 'demo.whyNoNamespace' },
  { line: 49, row: 'ap-singapore tcr-f7g1ir99/search', status: 'invalid', ErrorCode: 'Blocked.DomainNotFound', why: 'demo.whyDomain' },
  {
    line: 52, row: 'ap-singapore tcr-f7g1ir99/billing', status: 'created', ErrorCode: '', attempts: 3,
    why: 'demo.whyThrottled',
  },
  {
    line: 53, row: 'ap-singapore tcr-f7g1ir99/ledger', status: 'failed', ErrorCode: 'UnauthorizedOperation',
    why: 'demo.whyUnauthorized',
  },
  {
    line: 58, row: 'ap-singapore tcr-f7g1ir99/data.warehouse', status: 'created', ErrorCode: '', attempts: 2,
    why: 'demo.why503',
  },
];

/** The introduction as one paragraph, wrapped between words to the terminal (at most 100 cells, to stay readable). */
export const demoIntro = (width = Infinity): string => `${wrapCells(t('demo.intro').replace(/\n/g, ' '), Math.min(width, 100)).join('\n')}\n`;

/** The closing explanation: every row that went wrong on purpose, and why. */
export function onPurposeText(): string {
  const width = Math.max(...ON_PURPOSE.map((r) => r.row.length));
  const lines = ON_PURPOSE.map((r) => {
    const outcome = r.status === 'created' ? t('demo.createdAfter', { n: r.attempts ?? 1 }) : [r.status, r.ErrorCode].filter(Boolean).join(' ');
    return `  L${String(r.line).padEnd(2)}  ${r.row.padEnd(width)}  ${outcome}${t('problem.colon')}${t(r.why)}`;
  });
  return `\n${t('demo.wrongOnPurpose')}\n${lines.join('\n')}\n`;
}
