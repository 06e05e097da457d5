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
  /** Stacked, and the RequestId fits whole on a line of its own, under the message, but not beside it. */
  readonly requestIdBelow: boolean;
}

/** Blank columns after each column. */
export const COLUMN_GAP = 2;
const GAP = COLUMN_GAP;
const REQUEST_ID = 36 + GAP;
/** A message column narrower than this would cut the ids messages quote (a KMS key id is 36 cells). */
const MIN_MESSAGE = 40;

/**
 * Fits line, registry/namespace, ErrorCode, message and RequestId into `width` columns. Key and code
 * shrink to their longest value (capped); the message takes what is left. When that leaves the
 * message and the RequestId too little room, each row takes two lines: the message has the whole
 * second line, and the RequestId goes beside it, or on a third line, so that no id is ever split.
 */
export function failureColumns(width: number, failures: readonly ItemResult[]): FailureColumns {
  // Headings may be Chinese: cells, not characters (values are ids and codes, ASCII).
  const longest = (pick: (r: ItemResult) => string, header: string): number =>
    failures.reduce((max, r) => Math.max(max, pick(r).length), stringWidth(header));
  const line = longest((r) => String(r.line), t('dash.colLine')) + GAP;
  const key = Math.min(longest((r) => `${r.RegistryId}/${r.NamespaceName}`, t('dash.colKey')), 30) + GAP;
  const code = Math.min(longest((r) => r.ErrorCode, 'ErrorCode'), 42) + GAP;
  const rest = width - line - key - code;
  // One line a row only with the RequestId on it: a wider message column is not worth losing the id.
  if (rest - REQUEST_ID >= MIN_MESSAGE) return { line, key, code, message: rest - REQUEST_ID, requestId: REQUEST_ID, stacked: false, requestIdBelow: false };
  // Second line: indented under the key column, message first, RequestId after it if it fits, else under it.
  const second = Math.max(10, width - line);
  const beside = second - REQUEST_ID >= MIN_MESSAGE;
  const below = !beside && second >= REQUEST_ID;
  const requestId = beside || below ? REQUEST_ID : 0;
  const shrunk = Math.max(10, Math.min(key, Math.floor((width - line) / 2)));
  return { line, key: shrunk, code: Math.max(10, width - line - shrunk), message: beside ? second - requestId : second, requestId, stacked: true, requestIdBelow: below };
}
