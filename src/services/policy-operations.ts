import { meansAlreadyExists } from '../core/classify-error.js';
import { POLICY_ITEMS } from '../core/policy-item.js';
import { CREATE_ACTION } from '../core/request-preview.js';
import { confirmSigning } from './confirm-signing.js';
import type { RowOperation } from './engine/operation.js';
import { t } from '../i18n/messages.js';

export type { RowOperation } from './engine/operation.js';

export const CREATE_POLICY: RowOperation = {
  item: POLICY_ITEMS,
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
  item: POLICY_ITEMS,
  action: DELETE_ACTION,
  verb: 'Delete',
  body: (row) => ({ RegistryId: row.request.RegistryId, NamespaceName: row.request.NamespaceName }),
  doneStatus: 'deleted',
  alreadyDone: (code) => code === 'ResourceNotFound' || code.startsWith('ResourceNotFound.'),
  alreadyDoneFirst: 'skipped',
  confirm: () => Promise.resolve({ done: true, note: t('note.deletedByEarlier') }),
};
