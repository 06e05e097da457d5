import type { SendOptions } from '../cli/send-options.js';
import type { AppliedPlan } from '../core/plan-summary.js';
import { policyKey, type PolicyRow } from '../core/policy-row.js';
import type { LanedApi, TcrApi } from '../core/tcr-api.js';
import { quickCredential } from '../services/credentials.js';
import { checkingProgress } from './read-progress.js';
import { t } from '../i18n/messages.js';

/**
 * The preflight of a live run: every row planned with read-only calls before anything is sent. If a
 * read fails for good, the plan says so and sends nothing: every row ends not-sent.
 */
export async function planLiveRun(rows: readonly PolicyRow[], api: TcrApi, options: SendOptions, stop?: AbortSignal): Promise<AppliedPlan | undefined> {
  if (!options.preflight || rows.length === 0) return undefined;
  const { runPreflight } = await import('../services/run-preflight.js');
  const checking = checkingProgress(api, process.stderr);
  try {
    return await runPreflight(rows, checking.api, { signal: stop });
  } finally {
    checking.stop();
  }
}

/**
 * A dry run plans when credentials are at hand (the environment or a tccli profile, or an API given
 * by the caller); it never waits on the SDK's slower chain. Without them it says so in one line and
 * previews the requests as before. A plan that fails is reported as a live run's is.
 */
export async function planDryRun(
  rows: readonly PolicyRow[],
  options: SendOptions,
  api: (() => Promise<LanedApi>) | undefined,
  err: NodeJS.WritableStream,
  stop?: AbortSignal,
): Promise<AppliedPlan | undefined> {
  if (!options.preflight || rows.length === 0) return undefined;
  const readApi = await dryRunApi(options, api);
  if (!readApi) {
    err.write(`${t('plan.noCredentials')}\n`);
    return undefined;
  }
  try {
    // A check that could not run is the dry run's answer too: every row not-sent with the reason, exit 1
    // (a CI step that checks first must not pass with broken credentials; --no-preflight skips it).
    return await planLiveRun(rows, readApi, options, stop);
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

/**
 * What the preflight saw of the rows it lets through: none of them signed before the run. The engine
 * uses it to tell its own creation (after an unanswered attempt) from an older policy.
 */
export function signingBeforeOf(plan: AppliedPlan | undefined): ((row: PolicyRow) => boolean | undefined) | undefined {
  if (!plan) return undefined;
  const checked = new Set(plan.toSend.map((row) => policyKey(row.request)));
  return (row) => (checked.has(policyKey(row.request)) ? false : undefined);
}
