import { SIGN_ACTION } from '../core/plan-images.js';
import { TAG_ITEMS, type TagItem, type TagResult } from '../core/tag-item.js';
import { accountApi, type TcrApi } from '../core/tcr-api.js';
import type { RowOperation } from './engine/operation.js';
import { readWithPatience } from './traffic/read-with-patience.js';
import { t } from '../i18n/messages.js';

/** Whether a tag is signed now: its KmsSignature read back (DescribeImages, exact tag) in the tag's own account, or why that read failed. */
export async function tagSignedNow(api: TcrApi, tag: TagItem, signal: AbortSignal): Promise<{ ok: true; signed: boolean } | { ok: false; code: string }> {
  const params = { RegistryId: tag.RegistryId, NamespaceName: tag.NamespaceName, RepositoryName: tag.RepositoryName, ImageVersion: tag.ImageVersion, ExactMatch: true, Limit: 100 };
  const outcome = await readWithPatience(accountApi(api, tag.RoleArn), { service: 'tcr', action: 'DescribeImages', region: tag.Region, params }, { signal });
  if (!outcome.ok) return { ok: false, code: outcome.code };
  const list = (outcome.response?.ImageInfoList ?? []) as { ImageVersion?: string; KmsSignature?: string }[];
  const image = list.find((i) => i.ImageVersion === tag.ImageVersion);
  return { ok: true, signed: typeof image?.KmsSignature === 'string' && image.KmsSignature !== '' };
}

/**
 * `CreateSignature {RegistryId, NamespaceName, RepositoryName, ImageVersion}`, one tag at a time. The API
 * has no "already signed" answer, so an attempt whose outcome is unknown is settled by reading the tag's
 * KmsSignature before anything is sent again, never guessed. Signatures cannot be deleted: no undo.
 */
export const SIGN_IMAGE: RowOperation<TagItem, TagResult> = {
  item: TAG_ITEMS,
  action: SIGN_ACTION,
  verb: 'Sign',
  body: (tag) => ({ RegistryId: tag.RegistryId, NamespaceName: tag.NamespaceName, RepositoryName: tag.RepositoryName, ImageVersion: tag.ImageVersion }),
  doneStatus: 'signed',
  alreadyDone: () => false,
  alreadyDoneFirst: 'failed',
  readBeforeResend: true,
  async confirm(api, tag, signal) {
    const now = await tagSignedNow(api, tag, signal);
    if (!now.ok) return { done: false, note: t('images.noteReadFailed', { code: now.code }) };
    return now.signed ? { done: true, note: t('images.noteSigned') } : { done: false, note: t('images.noteUnsigned') };
  },
};
