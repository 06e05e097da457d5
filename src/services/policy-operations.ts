import { meansAlreadyExists } from '../core/classify-error.js';
import type { PolicyRow } from '../core/policy-row.js';
import { CREATE_ACTION, TCR_VERSION, type RequestPreview } from '../core/request-preview.js';
import type { RowStatus } from '../core/result.js';
import type { TcrApi } from '../core/tcr-api.js';
import { confirmSigning } from './confirm-signing.js';

/** What the batch engine does to each row: the action, its body, and how to read "already done" answers. */
export interface RowOperation {
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
  /** After an earlier attempt had no answer: was the change ours? Checked, not guessed. */
  confirm(api: TcrApi, row: PolicyRow, signal: AbortSignal, signingBefore?: (row: PolicyRow) => boolean | undefined): Promise<{ done: boolean; note: string }>;
}

export const CREATE_POLICY: RowOperation = {
  action: CREATE_ACTION,
  verb: 'Create',
  body: (row) => row.request as unknown as Readonly<Record<string, unknown>>,
  doneStatus: 'created',
  alreadyDone: meansAlreadyExists,
  alreadyDoneFirst: 'failed',
  async confirm(api, row, signal, signingBefore) {
    const check = await confirmSigning(api, row, signal, signingBefore);
    return { done: check.created, note: check.note };
  },
};

export const DELETE_ACTION = 'DeleteSignaturePolicy';

/**
 * Rollback: `DeleteSignaturePolicy {RegistryId, NamespaceName}`. `ResourceNotFound` means there is no
 * policy left to delete: after an unanswered attempt that attempt did it (`deleted`), otherwise it was
 * already gone (`skipped`), so running a rollback twice is safe.
 */
export const DELETE_POLICY: RowOperation = {
  action: DELETE_ACTION,
  verb: 'Delete',
  body: (row) => ({ RegistryId: row.request.RegistryId, NamespaceName: row.request.NamespaceName }),
  doneStatus: 'deleted',
  alreadyDone: (code) => code === 'ResourceNotFound' || code.startsWith('ResourceNotFound.'),
  alreadyDoneFirst: 'skipped',
  confirm: () => Promise.resolve({ done: true, note: 'an earlier attempt had no answer and the retry found no policy left: that attempt deleted it' }),
};

/** Exactly what an operation would put on the wire for one row, for dry runs. */
export function previewOperation(operation: RowOperation, row: PolicyRow, endpoint: string): RequestPreview {
  return { action: operation.action, version: TCR_VERSION, region: row.region, endpoint, body: JSON.stringify(operation.body(row)) };
}
