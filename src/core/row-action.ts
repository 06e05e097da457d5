import { actionSpec } from './api-actions.js';
import type { PolicyRow } from './policy-row.js';
import type { RequestPreview } from './request-preview.js';
import type { RowResult, RowStatus } from './result.js';
import type { ItemKind, ItemResult } from './work-item.js';

/** What a run does to each item, as data: the kind of item, the action, its body, and how to read "already done" answers. */
export interface RowAction<I = PolicyRow, R extends ItemResult = RowResult> {
  /** What the items are: their key, label, identity columns and results. */
  readonly item: ItemKind<I, R>;
  /** An entry of API_ACTIONS (core/api-actions.ts): its service, version and pace come from there. */
  readonly action: string;
  /** Verb for the confirmation question: "Create 20 signature policies …?" */
  readonly verb: string;
  body(item: I): Readonly<Record<string, unknown>>;
  /** An item's status when the API accepted the request. */
  readonly doneStatus: RowStatus;
  /** An answer saying the change is already in place: the policy exists (create), or is gone (delete). */
  alreadyDone(code: string): boolean;
  /** The same answer on an item with no earlier unknown attempt: a failure (someone else's policy) or a skip. */
  readonly alreadyDoneFirst: 'failed' | 'skipped';
  /**
   * An action with no "already done" answer (signing a tag signs it again): after an attempt with no
   * answer, the operation's check settles the item before anything is sent again.
   */
  readonly readBeforeResend?: boolean;
}

/** Exactly what an action would put on the wire for one item, for dry runs. */
export function previewAction<I, R extends ItemResult>(action: RowAction<I, R>, item: I, endpoint: string): RequestPreview {
  const region = action.item.identity(item).Region;
  return { action: action.action, version: actionSpec(action.action).version, region, endpoint, body: JSON.stringify(action.body(item)) };
}
