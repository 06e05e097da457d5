import type { ImagePlan } from '../core/plan-images.js';
import type { TagItem } from '../core/tag-item.js';
import { formatDuration } from './format-duration.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';

/**
 * The plan of a sign-images run: what it will sign, skip and leave blocked, and why each blocked group
 * is blocked (one line per reason, not per tag: a namespace without a policy blocks all its tags alike).
 */
export function formatImagePlan(plan: ImagePlan, listed: { readonly repositories: number; readonly namespaces: number; readonly calls: Readonly<Record<string, number>> }): string {
  const calls = Object.values(listed.calls).reduce((a, b) => a + b, 0);
  const head = t('images.planHead', {
    calls: count('count.readCall', calls),
    sign: plan.counts.sign,
    skip: plan.counts.skip,
    blocked: plan.counts.blocked,
    repositories: count('count.repository', listed.repositories),
    namespaces: count('count.namespace', listed.namespaces),
  });
  const reasons = new Map<string, number>();
  for (const r of plan.settled) if (r.status === 'invalid') reasons.set(r.ErrorMessage, (reasons.get(r.ErrorMessage) ?? 0) + 1);
  if (reasons.size === 0) return `${head}\n`;
  const lines = [...reasons].map(([reason, n]) => `  ${count('count.tag', n)}: ${reason}`);
  return `${head}\n${t('images.blockedHead')}\n${lines.join('\n')}\n`;
}

/**
 * The question a live signing run asks: how many tags, in how many registries and regions, where, how
 * long; and, when the tags span more than one account (--role-arn, a multi-account --from), which.
 */
export function formatImageConfirm(toSign: readonly TagItem[], send: { readonly endpoint: string; readonly rate: number }): string {
  const accounts = [...new Set(toSign.map((tag) => tag.RoleArn ?? ''))].sort();
  const fields = {
    tags: count('count.tag', toSign.length),
    registries: count('count.registry', new Set(toSign.map((tag) => tag.RegistryId)).size),
    regions: [...new Set(toSign.map((tag) => tag.Region))].sort().join(', '),
    endpoint: send.endpoint,
    rate: send.rate,
    duration: formatDuration((toSign.length / send.rate) * 1000),
  };
  if (accounts.length < 2) return t('images.confirm', fields);
  const names = accounts.map((a) => a || t('account.base')).join(', ');
  return t('images.confirmAccounts', { ...fields, accounts: count('count.account', accounts.length), names });
}
