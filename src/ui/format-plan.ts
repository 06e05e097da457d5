import { totalCalls, type PlanSummary } from '../core/plan-summary.js';
import { hintFor } from '../core/error-hints.js';
import { summarisePerKind } from '../core/summarise.js';
import { count } from '../i18n/count.js';
import { t } from '../i18n/messages.js';

/**
 * The preflight's verdicts as text: one line of counts, then every blocked row with its reasons
 * (skipped rows are counted only; each still gets its own result line).
 */
export function formatPlan(plan: PlanSummary): string {
  if (plan.failure) {
    const why = planHint(plan.failure);
    const hint = why ? `${t('error.hint', { hint: why })}\n` : '';
    return `${t('plan.failed', { message: plan.failure.message })}\n${hint}`;
  }
  const { create, skip, blocked } = plan.counts;
  const head = `${t('plan.head', { calls: count('count.readCall', totalCalls(plan.readCalls)), create, skip, blocked })}\n`;
  if (plan.blocked.length === 0) return head;
  // At most 20 rows per reason: the export and --json keep every row.
  const shown = summarisePerKind(plan.blocked, (b) => b.code ?? b.reason);
  const items = shown.flatMap((s) => ('item' in s ? [s.item] : []));
  const lineWidth = Math.max(...items.map((b) => String(b.line).length));
  const where = items.map((b) => `${t('plan.line', { line: String(b.line).padStart(lineWidth) })}  ${b.region} ${b.key}`);
  const width = Math.max(...where.map((w) => w.length));
  let i = 0;
  const rows = shown.map((s) => ('item' in s
    ? `  ${(where[i++] ?? '').padEnd(width)}  ${s.item.code ?? ''}${t('problem.colon')}${s.item.reason}\n`
    : `${t('summary.moreBlocked', { n: s.more })}\n`));
  return `${head}${t('plan.blockedHead')}\n${rows.join('')}`;
}

/** What to do about a failed plan: the error's own hint where there is one (SecretIdNotFound, …), else the plan's. */
export function planHint(failure: NonNullable<PlanSummary['failure']>): string | undefined {
  return hintFor(failure.code, failure.message) ?? failure.hint;
}
