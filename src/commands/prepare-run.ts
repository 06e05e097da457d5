import type { SendOptions } from '../cli/send-options.js';
import type { ResumePlan } from '../core/apply-resume.js';
import { DeclinedError } from '../core/errors.js';
import type { AppliedPlan } from '../core/plan-summary.js';
import type { PolicyRow } from '../core/policy-row.js';
import type { LanedApi } from '../core/tcr-api.js';
import type { RunControl } from '../services/engine/run-control.js';
import type { RowOperation } from '../services/policy-operations.js';
import { formatDuration } from '../ui/format-duration.js';
import { formatPlan } from '../ui/format-plan.js';
import { dryRunApi, planDryRun, planLiveRun, signingBeforeOf } from './plan-before-sending.js';
import { earlierCreations, keepBatchCreations, unknownIn, type BatchRecord } from './read-batch-record.js';
import type { PreparedRun } from './run-request.js';
import { baselineOf, remainingChecked, remainingUnchecked, sendOrder } from './resume-rows.js';
import type { SendRequest } from './send-rows.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';

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
