import { setMaxListeners } from 'node:events';
import type { ResumePlan } from '../core/apply-resume.js';
import { policyKey, type PolicyRow } from '../core/policy-row.js';
import type { RowResult } from '../core/result.js';
import type { LanedApi } from '../core/tcr-api.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';

/** The rows still to go through a run after a resume, and the results it carries, before any check. */
export interface Remaining {
  /** Rows to plan and send. */
  readonly rows: readonly PolicyRow[];
  /**
   * Rows a check saw not signing, sent again without the plan: the earlier run's plan let them
   * through, and a request of that run still on its way could make this plan call them signing.
   */
  readonly resend: readonly PolicyRow[];
  readonly settled: readonly RowResult[];
  /** Keys a check saw not signing: this run's baseline for them. */
  readonly notSigning: ReadonlySet<string>;
}

const byLine = (a: PolicyRow, b: PolicyRow): number => a.line - b.line;

/** A dry run does not check: rows with an unknown outcome are previewed as the live run might send them. */
export function remainingUnchecked(resume: ResumePlan | undefined, rows: readonly PolicyRow[], err: NodeJS.WritableStream): Remaining {
  if (!resume) return { rows, resend: [], settled: [], notSigning: new Set() };
  if (resume.toCheck.length > 0) {
    err.write(`${t('resume.unknown', { rows: count('count.row', resume.toCheck.length) })}\n`);
  }
  return { rows: [...resume.toSend, ...resume.toCheck.map((c) => c.row)].sort(byLine), resend: [], settled: resume.carried, notSigning: new Set() };
}

/** A live run checks the rows an earlier run left unknown before planning the rest. */
export async function remainingChecked(resume: ResumePlan | undefined, rows: readonly PolicyRow[], api: LanedApi, err: NodeJS.WritableStream, stop?: AbortSignal): Promise<Remaining> {
  if (!resume) return { rows, resend: [], settled: [], notSigning: new Set() };
  if (resume.toCheck.length === 0) return { rows: resume.toSend, resend: [], settled: resume.carried, notSigning: new Set() };
  const { checkUnknownRows } = await import('../services/check-unknown-rows.js');
  const signal = stop ?? new AbortController().signal;
  setMaxListeners(0, signal); // the SDK listens on it once per read
  const checked = await checkUnknownRows(api, resume.toCheck, signal);
  const created = checked.settled.filter((r) => r.status === 'created').length;
  const values = { rows: count('count.row', resume.toCheck.length), created, again: checked.toSend.length, unknown: checked.settled.length - created };
  err.write(`${t('resume.checked', values)}\n`);
  return { rows: resume.toSend, resend: checked.toSend, settled: [...resume.carried, ...checked.settled], notSigning: checked.notSigning };
}

/** What a run sends: the rows its plan lets through (all rows without a plan) and those sent again after a check, in line order. */
export function sendOrder(planned: readonly PolicyRow[], resend: readonly PolicyRow[]): PolicyRow[] {
  return resend.length === 0 ? [...planned] : [...planned, ...resend].sort(byLine);
}

/** This run's baseline: the plan's (the rows it lets through did not sign), or a resume check's. */
export function baselineOf(notSigning: ReadonlySet<string>, plan: ((row: PolicyRow) => boolean | undefined) | undefined): (row: PolicyRow) => boolean | undefined {
  return (row) => (notSigning.has(policyKey(row.request)) ? false : plan?.(row));
}
