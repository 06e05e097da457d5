import type { SendOptions } from '../cli/send-options.js';
import type { ResumePlan } from '../core/apply-resume.js';
import { DeclinedError } from '../core/errors.js';
import type { AppliedPlan, PlanSummary } from '../core/plan-summary.js';
import type { PolicyRow } from '../core/policy-row.js';
import type { RowResult } from '../core/result.js';
import type { LanedApi } from '../core/tcr-api.js';
import type { RunControl } from '../services/engine/run-control.js';
import type { RowOperation } from '../services/policy-operations.js';
import { formatDuration } from '../ui/format-duration.js';
import { formatPlan } from '../ui/format-plan.js';
import { dryRunApi, planDryRun, planLiveRun, signingBeforeOf } from './plan-before-sending.js';
import { earlierCreations, keepBatchCreations, unknownIn, type BatchRecord } from './read-batch-record.js';
import type { CarriedRecord } from '../services/journal.js';
import { baselineOf, remainingChecked, remainingUnchecked, sendOrder } from './resume-rows.js';
import type { SendRequest } from './send-rows.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';

/** What a run sends and what it reports without sending, once resume and plan have had their say. */
export interface PreparedRun {
  readonly toSend: readonly PolicyRow[];
  /** Every row settled before sending: the request's, the resume's, the plan's (in that order). */
  readonly settled: readonly RowResult[];
  readonly plan?: PlanSummary;
  /** The plan was shown with the confirmation question, so the plain face does not show it again. */
  readonly planShown: boolean;
  /** Which namespaces signed before this run: the plan's view, or a resume check's. */
  readonly signingBefore: (row: PolicyRow) => boolean | undefined;
  /** Keys a resume check saw not signing, or the batch's record left unknown: a request of an earlier run may still land first. */
  readonly unknownBefore: ReadonlySet<string>;
  /** The batch's own earlier creations, for rows sent again without a plan (--no-preflight) and answered that they exist. */
  readonly doneEarlier?: ReturnType<typeof earlierCreations>;
  /** What the journal copies forward from the batch's record before anything is sent. */
  readonly carried?: CarriedRecord;
  /** When the run began, before its checks: the elapsed time a face shows counts them. */
  readonly startedAt: number;
}

/** A dry run reads only when it can (credentials at hand) and never asks. */
export async function planDryRunRows(req: SendRequest, resume: ResumePlan | undefined, stop?: AbortSignal): Promise<PreparedRun> {
  const { options } = req;
  const startedAt = Date.now();
  // Checking what an earlier run left unknown only reads, so a preview does it when it can.
  const readApi = resume && resume.toCheck.length > 0 ? await dryRunApi(options, req.api) : undefined;
  let left;
  try {
    left = readApi ? await remainingChecked(resume, req.rows, readApi, process.stderr, stop) : remainingUnchecked(resume, req.rows, process.stderr);
  } finally {
    await readApi?.close?.();
  }
  const plan = await planDryRun(left.rows, options, req.api, process.stderr, stop);
  return {
    toSend: sendOrder(plan?.toSend ?? left.rows, left.resend),
    settled: [...req.settled, ...left.settled, ...(plan?.settled ?? [])],
    plan: plan?.summary,
    planShown: false,
    signingBefore: () => undefined,
    unknownBefore: left.notSigning,
    startedAt,
  };
}

/**
 * A live run checks what an earlier run left unknown, plans the rest, and asks on a terminal. A stop
 * (a signal) cuts the reads short and asks nothing: the caller sees `control.stopping`.
 */
export async function planLiveRunRows(req: SendRequest, record: BatchRecord | undefined, api: LanedApi, control: RunControl): Promise<PreparedRun> {
  const { options } = req;
  const startedAt = Date.now();
  const stop = control.stopSignal;
  const left = await remainingChecked(record?.resume, req.rows, api, process.stderr, stop);
  const plan = await planLiveRun(left.rows, api, options, stop);
  const toSend = sendOrder(plan?.toSend ?? left.rows, left.resend);
  const confirming = req.confirm && !options.yes && !control.stopping;
  if (confirming) await confirmRun(toSend, options, plan, req.operation, stop);
  return {
    toSend,
    settled: [...req.settled, ...left.settled, ...keepBatchCreations(plan?.settled ?? [], record)],
    plan: plan?.summary,
    // With nothing to ask, the confirmation shows no plan: the face says it (a failed plan once, not twice).
    planShown: confirming && plan !== undefined && toSend.length > 0,
    signingBefore: baselineOf(left.notSigning, signingBeforeOf(plan)),
    unknownBefore: new Set([...left.notSigning, ...unknownIn(record)]),
    doneEarlier: earlierCreations(record),
    carried: record?.carried,
    startedAt,
  };
}

/** Shows the plan, then asks; with nothing left to send there is nothing to ask. */
async function confirmRun(rows: readonly PolicyRow[], options: SendOptions, plan: AppliedPlan | undefined, operation: RowOperation, stop: AbortSignal): Promise<void> {
  if (rows.length === 0) return;
  if (plan) process.stderr.write(formatPlan(plan.summary));
  const { askConfirm } = await import('../ui/prompts.js');
  const registries = new Set(rows.map((r) => r.request.RegistryId)).size;
  const regions = [...new Set(rows.map((r) => r.region))];
  const durationMs = (rows.length / options.rate) * 1000;
  const ok = await askConfirm(
    t('confirm.run', {
      verb: t(operation.verb === 'Delete' ? 'confirm.delete' : 'confirm.create'),
      policies: count('count.policy', rows.length),
      registries: count('count.registry', registries),
      regions: regions.join(', '),
      endpoint: options.endpoint.url,
      rate: options.rate,
      duration: formatDuration(durationMs),
    }),
    false,
    '--yes',
    stop,
  );
  if (!ok) throw new DeclinedError(t('confirm.nothingSent'));
}
