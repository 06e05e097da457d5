import { planRows } from '../core/plan-rows.js';
import { applyPlan, failedPlan, mergePlans, type AppliedPlan } from '../core/plan-summary.js';
import { byAccount } from '../core/role-arn.js';
import type { PolicyRow } from '../core/policy-row.js';
import { accountApi, type TcrApi } from '../core/tcr-api.js';
import { gatherPreflightFacts } from './gather-preflight-facts.js';
import { createPreflightReader, PreflightError, type ReaderOptions } from './preflight-reader.js';

/**
 * Reads the facts for `rows` and plans each one: the rows to send, and results for the rest. A read
 * that fails for good gives a failed plan (summary.failure set, every row not-sent), not an exception.
 */
export async function runPreflight(rows: readonly PolicyRow[], api: TcrApi, options: ReaderOptions = {}): Promise<AppliedPlan> {
  const accounts = byAccount(rows);
  if (accounts.length === 1) return planAccount(rows, accountApi(api, accounts[0]?.[0]), options);
  // Each account is read with its own credentials; one that cannot be read stops only its own rows.
  return mergePlans(await Promise.all(accounts.map(([roleArn, own]) => planAccount(own, accountApi(api, roleArn), options))));
}

async function planAccount(rows: readonly PolicyRow[], api: TcrApi, options: ReaderOptions): Promise<AppliedPlan> {
  const reader = createPreflightReader(api, options);
  try {
    const facts = await gatherPreflightFacts(rows, reader);
    return applyPlan(planRows(rows, facts), { ...reader.calls });
  } catch (error) {
    if (!(error instanceof PreflightError)) throw error;
    return failedPlan(rows, { code: error.code, message: error.message, hint: error.hint }, { ...reader.calls });
  } finally {
    reader.close();
  }
}
