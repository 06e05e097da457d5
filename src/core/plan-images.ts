import { offeredIn } from './api-actions.js';
import { TAG_ITEMS, type TagItem, type TagResult } from './tag-item.js';
import { t } from '../i18n/messages.js';

/** A listed tag and what the listing said of it. */
export interface ListedTag extends TagItem {
  /** Its KmsSignature was set: signed already. */
  readonly signed: boolean;
}

/** What the plan needs to know of a tag's namespace. */
export interface ImageFacts {
  /** Whether the namespace has a signature policy (DescribeNamespaces with KmsSignPolicy). */
  hasPolicy(registryId: string, namespace: string): boolean;
}

export interface ImagePlan {
  /** Unsigned tags of namespaces that sign, in a region that offers CreateSignature: sent. */
  readonly toSign: TagItem[];
  /** Skipped (signed already) and blocked (`invalid`, with a reason a user can act on): never sent. */
  readonly settled: TagResult[];
  readonly counts: { readonly sign: number; readonly skip: number; readonly blocked: number };
}

export const SIGN_ACTION = 'CreateSignature';

/** Why a tag cannot be signed, with what to do, or undefined when it can. */
function blockedBy(tag: TagItem, facts: ImageFacts): { code: string; reason: string } | undefined {
  if (!offeredIn(SIGN_ACTION, tag.Region)) return { code: 'Blocked.RegionNotOffered', reason: t('images.regionNotOffered', { region: tag.Region }) };
  if (!facts.hasPolicy(tag.RegistryId, tag.NamespaceName)) {
    // The create command to run first acts in the tag's account.
    const role = tag.RoleArn ? ` --role-arn ${tag.RoleArn}` : '';
    return { code: 'Blocked.NoSignaturePolicy', reason: t('images.noPolicy', { registry: tag.RegistryId, namespace: tag.NamespaceName, role }) };
  }
  return undefined;
}

/** Per tag: sign (unsigned), skip (signed already), or blocked (invalid, with the reason). Pure. */
export function planImages(tags: Iterable<ListedTag>, facts: ImageFacts): ImagePlan {
  const toSign: TagItem[] = [];
  const settled: TagResult[] = [];
  let skip = 0;
  let blocked = 0;
  for (const listed of tags) {
    const { signed, ...tag } = listed;
    if (signed) {
      skip += 1;
      settled.push(TAG_ITEMS.result(tag, 'skipped', { ErrorMessage: t('images.alreadySigned') }));
      continue;
    }
    const why = blockedBy(tag, facts);
    if (why) {
      blocked += 1;
      settled.push(TAG_ITEMS.result(tag, 'invalid', { ErrorCode: why.code, ErrorMessage: why.reason }));
    } else toSign.push(tag);
  }
  return { toSign, settled, counts: { sign: toSign.length, skip, blocked } };
}
