import type { RowResult, RowStatus, StatusCounts } from '../core/result.js';
import { ROW_STATUSES } from '../core/result.js';

const STATUS_WIDTH = Math.max(...ROW_STATUSES.map((s) => s.length));

/** `[ 12/200] created  ap-guangzhou tcr-ab12cd34/team-a  RequestId=…` */
export function formatRowLine(result: RowResult, done: number, total: number, note?: string): string {
  const width = String(total).length;
  const counter = `[${String(done).padStart(width)}/${total}]`;
  const where = `${result.Region || '-'} ${result.RegistryId || '?'}/${result.NamespaceName || '?'}`;
  return `${counter} ${result.status.padEnd(STATUS_WIDTH)} ${where}  ${outcomeText(result)}${note ? ` (${note})` : ''}`.trimEnd();
}

/** What happened to a row, in a few words: its RequestId, or its error and RequestId. */
export function outcomeText(r: RowResult): string {
  const request = r.RequestId ? `RequestId=${r.RequestId}` : '';
  switch (r.status) {
    case 'created':
      return request;
    case 'dry-run':
      return `line ${r.line}`;
    case 'invalid':
      return `line ${r.line}: ${r.ErrorMessage}`;
    default:
      return [r.ErrorCode ? `${r.ErrorCode}: ${r.ErrorMessage}` : r.ErrorMessage, request].filter(Boolean).join(' ');
  }
}

/** `58 created, 2 failed`: the statuses that occurred, in a fixed order. */
export function formatCounts(counts: StatusCounts): string {
  const parts = (Object.keys(counts) as RowStatus[]).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length ? parts.join(', ') : 'no rows';
}
