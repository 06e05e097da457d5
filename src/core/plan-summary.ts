import type { PolicyRow } from './policy-row.js';
import { planKey, type PlanVerdict, type RowPlan } from './plan-rows.js';
import { identityOf, resultOf, type RowResult } from './result.js';
import { t } from '../i18n/messages.js';

/** A row the plan will not send, as the `plan` event lists it. */
export interface PlannedRowNote {
  readonly line: number;
  /** `RegistryId/NamespaceName`. */
  readonly key: string;
  readonly region: string;
  /** `Blocked.<Reason>`; absent for skips. */
  readonly code?: string;
  readonly reason: string;
}

/** What the preflight decided, as faces show it: counts, then the rows that will not be sent. */
export interface PlanSummary {
  readonly counts: Readonly<Record<PlanVerdict, number>>;
  readonly blocked: readonly PlannedRowNote[];
  readonly skipped: readonly PlannedRowNote[];
  /** Read-only API calls the preflight made, by action. */
  readonly readCalls: Readonly<Record<string, number>>;
  /** Set when a read failed: nothing is planned, so nothing is sent. */
  readonly failure?: { readonly code: string; readonly message: string; readonly hint?: string };
}

export interface AppliedPlan {
  readonly summary: PlanSummary;
  /** The `create` rows, in input order: the only ones a live run sends. */
  readonly toSend: readonly PolicyRow[];
  /**
   * Results for the rows not sent: `skipped` for namespaces that already sign, `invalid` with a
   * `Blocked.<Reason>` ErrorCode for rows the API would refuse (nothing was sent for them).
   */
  readonly settled: readonly RowResult[];
}

export function applyPlan(plans: readonly RowPlan[], readCalls: Readonly<Record<string, number>>): AppliedPlan {
  const counts: Record<PlanVerdict, number> = { create: 0, skip: 0, blocked: 0 };
  const blocked: PlannedRowNote[] = [];
  const skipped: PlannedRowNote[] = [];
  const toSend: PolicyRow[] = [];
  const settled: RowResult[] = [];
  for (const plan of plans) {
    counts[plan.verdict] += 1;
    const note = { line: plan.row.line, key: planKey(plan), region: plan.row.region, reason: plan.reason ?? '' };
    if (plan.verdict === 'create') toSend.push(plan.row);
    else if (plan.verdict === 'skip') {
      skipped.push(note);
      settled.push(resultOf(identityOf(plan.row), 'skipped', { ErrorMessage: note.reason }));
    } else {
      blocked.push({ ...note, code: plan.code });
      settled.push(resultOf(identityOf(plan.row), 'invalid', { ErrorCode: plan.code, ErrorMessage: note.reason }));
    }
  }
  return { summary: { counts, blocked, skipped, readCalls }, toSend, settled };
}

export function totalCalls(readCalls: Readonly<Record<string, number>>): number {
  return Object.values(readCalls).reduce((a, b) => a + b, 0);
}

/**
 * A preflight that could not finish stops the run before anything is sent, the way an auth failure
 * does: every row `not-sent`, with the failed read's code and why.
 */
export function failedPlan(rows: readonly PolicyRow[], failure: NonNullable<PlanSummary['failure']>, readCalls: Readonly<Record<string, number>>): AppliedPlan {
  const ErrorMessage = t('plan.notSent', { message: failure.message });
  return {
    summary: { counts: { create: 0, skip: 0, blocked: 0 }, blocked: [], skipped: [], readCalls, failure },
    toSend: [],
    settled: rows.map((row) => resultOf(identityOf(row), 'not-sent', { ErrorCode: failure.code, ErrorMessage })),
  };
}

/**
 * The plans of several accounts as one: counts and calls added up, rows in input order. A failed
 * account's rows are settled not-sent; the plan as a whole fails only when every account's did.
 */
export function mergePlans(plans: readonly AppliedPlan[]): AppliedPlan {
  const counts: Record<PlanVerdict, number> = { create: 0, skip: 0, blocked: 0 };
  const readCalls: Record<string, number> = {};
  for (const { summary } of plans) {
    for (const verdict of Object.keys(counts) as PlanVerdict[]) counts[verdict] += summary.counts[verdict];
    for (const [action, n] of Object.entries(summary.readCalls)) readCalls[action] = (readCalls[action] ?? 0) + n;
  }
  const failure = plans.every((p) => p.summary.failure) ? plans[0]?.summary.failure : undefined;
  const byLine = <T extends { readonly line: number }>(items: T[]): T[] => items.sort((a, b) => a.line - b.line);
  return {
    summary: {
      counts,
      blocked: byLine(plans.flatMap((p) => p.summary.blocked)),
      skipped: byLine(plans.flatMap((p) => p.summary.skipped)),
      readCalls,
      ...(failure ? { failure } : {}),
    },
    toSend: byLine(plans.flatMap((p) => p.toSend)),
    settled: byLine(plans.flatMap((p) => p.settled)),
  };
}
