import type { SendOptions } from '../cli/send-options.js';
import type { AppliedPlan } from '../core/plan-summary.js';
import { policyKey, type PolicyRow } from '../core/policy-row.js';
import type { LanedApi, TcrApi } from '../core/tcr-api.js';
import { quickCredential } from '../services/credentials.js';
import { t } from '../i18n/messages.js';

/**
 * The preflight of a live run: every row planned with read-only calls before anything is sent. If a
 * read fails for good, the plan says so and sends nothing: every row ends not-sent.
 */
export async function planLiveRun(rows: readonly PolicyRow[], api: TcrApi, options: SendOptions): Promise<AppliedPlan | undefined> {
  if (!options.preflight || rows.length === 0) return undefined;
  const { runPreflight } = await import('../services/run-preflight.js');
  return runPreflight(rows, api);
}

/**
 * A dry run plans when credentials are at hand (the environment or a tccli profile, or an API given
 * by the caller); it never waits on the SDK's slower chain. Without them it says so in one line and
 * previews the requests as before.
 */
export async function planDryRun(
  rows: readonly PolicyRow[],
  options: SendOptions,
  api: (() => Promise<LanedApi>) | undefined,
  err: NodeJS.WritableStream,
): Promise<AppliedPlan | undefined> {
  if (!options.preflight || rows.length === 0) return undefined;
  const readApi = await dryRunApi(options, api);
  if (!readApi) {
    err.write(`${t('plan.noCredentials')}\n`);
    return undefined;
  }
  try {
    return withoutFailure(await planLiveRun(rows, readApi, options), err);
  } finally {
    await readApi.close?.();
  }
}

/** The API a dry run may read through: the caller's, or one from credentials at hand; never the SDK's slower chain. The caller closes it. */
export async function dryRunApi(options: SendOptions, api: (() => Promise<LanedApi>) | undefined): Promise<LanedApi | undefined> {
  if (api) return api();
  const credential = quickCredential(options.profile);
  if (!credential) return undefined;
  return (await import('./make-api.js')).makeApi(options, credential)();
}

/** A dry run sends nothing either way: a preflight that could not finish is a warning, not a stop. */
function withoutFailure(plan: AppliedPlan | undefined, err: NodeJS.WritableStream): AppliedPlan | undefined {
  if (!plan?.summary.failure) return plan;
  err.write(`${t('plan.offlineOnly', { message: plan.summary.failure.message })}\n`);
  return undefined;
}

/**
 * What the preflight saw of the rows it lets through: none of them signed before the run. The engine
 * uses it to tell its own creation (after an unanswered attempt) from an older policy.
 */
export function signingBeforeOf(plan: AppliedPlan | undefined): ((row: PolicyRow) => boolean | undefined) | undefined {
  if (!plan) return undefined;
  const checked = new Set(plan.toSend.map((row) => policyKey(row.request)));
  return (row) => (checked.has(policyKey(row.request)) ? false : undefined);
}
