import type { PolicyRow } from './policy-row.js';
import { TCR_VERSION, type RequestPreview } from './request-preview.js';
import type { RowStatus } from './result.js';

/** What a run does to each row, as data: the action, its body, and how to read "already done" answers. */
export interface RowAction {
  readonly action: string;
  /** Verb for the confirmation question: "Create 20 signature policies …?" */
  readonly verb: string;
  body(row: PolicyRow): Readonly<Record<string, unknown>>;
  /** A row's status when the API accepted the request. */
  readonly doneStatus: RowStatus;
  /** An answer saying the change is already in place: the policy exists (create), or is gone (delete). */
  alreadyDone(code: string): boolean;
  /** The same answer on a row with no earlier unknown attempt: a failure (someone else's policy) or a skip. */
  readonly alreadyDoneFirst: 'failed' | 'skipped';
}

/** Exactly what an action would put on the wire for one row, for dry runs. */
export function previewAction(action: RowAction, row: PolicyRow, endpoint: string): RequestPreview {
  return { action: action.action, version: TCR_VERSION, region: row.region, endpoint, body: JSON.stringify(action.body(row)) };
}
