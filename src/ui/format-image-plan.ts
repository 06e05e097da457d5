import type { ImagePlan } from '../core/plan-images.js';
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
