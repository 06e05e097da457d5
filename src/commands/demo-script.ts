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
  readonly why: string;
}

export const ON_PURPOSE: readonly OnPurpose[] = [
  { line: 8, row: 'ap-guangzhou tcr-ab12cd34/ledger', status: 'invalid', ErrorCode: 'Blocked.KeyUsage', why: 'its key encrypts, it cannot sign (plan)' },
  { line: 9, row: 'ap-guangzhou tcr-ab12cd34/risk', status: 'invalid', ErrorCode: 'Blocked.KeyNotEnabled', why: 'its key is disabled (plan)' },
  { line: 30, row: 'ap-shanghai tcr-9x8y7z6w/catalog', status: 'skipped', ErrorCode: '', why: 'the namespace already signs (plan)' },
  { line: 31, row: 'ap-shanghai tcr-9x8y7z6w/identity', status: 'invalid', ErrorCode: 'Blocked.NamespaceNotFound', why: 'no such namespace (plan)' },
  {
    line: 49, row: 'ap-singapore tcr-f7g1ir99/search', status: 'failed', ErrorCode: 'InvalidParameter.ErrorTcrInvalidParameter',
    why: 'the API refuses its Domain images.example.org, not a domain of the registry',
  },
  {
    line: 52, row: 'ap-singapore tcr-f7g1ir99/billing', status: 'created', ErrorCode: '', attempts: 3,
    why: 'throttled twice (RequestLimitExceeded), retried after a backoff, then created',
  },
  {
    line: 53, row: 'ap-singapore tcr-f7g1ir99/ledger', status: 'failed', ErrorCode: 'UnauthorizedOperation',
    why: 'the demo credentials have no permission on this namespace',
  },
  {
    line: 58, row: 'ap-singapore tcr-f7g1ir99/data.warehouse', status: 'created', ErrorCode: '', attempts: 2,
    why: 'one HTTP 503 (outcome unknown), retried, then created',
  },
];

export const DEMO_INTRO =
  'Some rows are wrong on purpose: the plan sets four aside before anything is sent (three blocked, one\n' +
  'already signing); of the rest, the API refuses two (each with its RequestId) and two meet transient\n' +
  'faults that are retried and then succeed. They are listed at the end.\n';

/** The closing explanation: every row that went wrong on purpose, and why. */
export function onPurposeText(): string {
  const width = Math.max(...ON_PURPOSE.map((r) => r.row.length));
  const lines = ON_PURPOSE.map((r) => {
    const outcome = r.status === 'created' ? `created after ${r.attempts ?? 1} attempts` : [r.status, r.ErrorCode].filter(Boolean).join(' ');
    return `  L${String(r.line).padEnd(2)}  ${r.row.padEnd(width)}  ${outcome}: ${r.why}`;
  });
  return `\nWrong on purpose (the bundled seed is built that way; every other row is created at the first attempt):\n${lines.join('\n')}\n`;
}
