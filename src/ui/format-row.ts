import type { RowStatus, StatusCounts } from '../core/result.js';
import type { ItemResult } from '../core/work-item.js';
import { ROW_STATUSES } from '../core/result.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';

const STATUS_WIDTH = Math.max(...ROW_STATUSES.map((s) => s.length));

/** `[ 12/200] created  ap-guangzhou tcr-ab12cd34/team-a  RequestId=…` (the label: the item's name in the run; the total `200+` while still counted). */
export function formatRowLine(result: ItemResult, label: string, done: number, total: number | string, note?: string): string {
  const width = String(total).length;
  const counter = `[${String(done).padStart(width)}/${total}]`;
  const where = `${result.Region || '-'} ${label}`;
  return `${counter} ${result.status.padEnd(STATUS_WIDTH)} ${where}  ${outcomeText(result)}${note ? ` (${note})` : ''}`.trimEnd();
}

/** What happened to a row, in a few words: its RequestId, or its error and RequestId. */
export function outcomeText(r: ItemResult): string {
  const request = r.RequestId ? `RequestId=${r.RequestId}` : '';
  switch (r.status) {
    case 'created':
      return request;
    case 'dry-run':
      return t('plain.line', { line: r.line });
    case 'invalid':
      return `${t('plain.line', { line: r.line })}${t('problem.colon')}${r.ErrorMessage}`;
    default:
      return [r.ErrorCode ? `${r.ErrorCode}: ${r.ErrorMessage}` : r.ErrorMessage, request].filter(Boolean).join(' ');
  }
}

/** `58 created, 2 failed`: the statuses that occurred, in a fixed order. */
export function formatCounts(counts: StatusCounts): string {
  const parts = (Object.keys(counts) as RowStatus[]).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length ? parts.join(', ') : t('plain.noRows');
}

/** `2-5, 9, 12-40`: line numbers as ranges. */
export function lineRanges(lines: readonly number[]): string {
  const sorted = [...lines].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j += 1;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * The rows a run never sent, one line per cause rather than one per row:
 * `not-sent 60 rows (lines 2-61): AuthFailure.SecretIdNotFound: The SecretId is not found`.
 */
export function notSentLines(rows: readonly ItemResult[], sharedCause?: string): string[] {
  const byCause = new Map<string, ItemResult[]>();
  for (const r of rows) {
    const cause = sharedCause ?? (r.ErrorCode ? `${r.ErrorCode}: ${r.ErrorMessage}` : r.ErrorMessage || t('plain.stoppedBeforeSending'));
    byCause.set(cause, [...(byCause.get(cause) ?? []), r]);
  }
  return [...byCause].map(([cause, group]) => {
    const lines = group.map((r) => r.line);
    const which = group.length === 1 ? t('plain.line', { line: lines[0] ?? 0 }) : t('plain.lines', { ranges: lineRanges(lines) });
    return t('plain.notSentLine', { rows: count('count.row', group.length), which, cause });
  });
}
