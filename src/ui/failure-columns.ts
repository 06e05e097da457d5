import type { ItemResult } from '../core/work-item.js';
import stringWidth from 'string-width';
import { t } from '../i18n/messages.js';

/** How the failure table fits the terminal. Widths include the gap after the column; 0 = left out. */
export interface FailureColumns {
  readonly line: number;
  readonly key: number;
  readonly code: number;
  /** Width of the message column; with `stacked`, the width of the second line instead. */
  readonly message: number;
  readonly requestId: number;
  /** Too narrow for one line per row: the message (and RequestId, if it fits) go on a second line. */
  readonly stacked: boolean;
}

/** Blank columns after each column. */
export const COLUMN_GAP = 2;
const GAP = COLUMN_GAP;
const REQUEST_ID = 36 + GAP;
const MIN_MESSAGE = 30;

/**
 * Fits line, registry/namespace, ErrorCode, message and RequestId into `width` columns. Key and code
 * shrink to their longest value (capped); the message takes what is left. When that leaves the
 * message too little room, each row takes two lines. RequestId, the secondary column, is shown only
 * where it fits beside a readable message.
 */
export function failureColumns(width: number, failures: readonly ItemResult[]): FailureColumns {
  // Headings may be Chinese: cells, not characters (values are ids and codes, ASCII).
  const longest = (pick: (r: ItemResult) => string, header: string): number =>
    failures.reduce((max, r) => Math.max(max, pick(r).length), stringWidth(header));
  const line = longest((r) => String(r.line), t('dash.colLine')) + GAP;
  const key = Math.min(longest((r) => `${r.RegistryId}/${r.NamespaceName}`, t('dash.colKey')), 30) + GAP;
  const code = Math.min(longest((r) => r.ErrorCode, 'ErrorCode'), 42) + GAP;
  const rest = width - line - key - code;
  if (rest >= MIN_MESSAGE) {
    const requestId = rest - REQUEST_ID >= MIN_MESSAGE ? REQUEST_ID : 0;
    return { line, key, code, message: rest - requestId, requestId, stacked: false };
  }
  // Second line: indented under the key column, message first, RequestId after it if it fits.
  const second = Math.max(10, width - line);
  const requestId = second - REQUEST_ID >= MIN_MESSAGE ? REQUEST_ID : 0;
  const shrunk = Math.max(10, Math.min(key, Math.floor((width - line) / 2)));
  return { line, key: shrunk, code: Math.max(10, width - line - shrunk), message: second - requestId, requestId, stacked: true };
}
