import { planRows } from '../core/plan-rows.js';
import { applyPlan, type AppliedPlan } from '../core/plan-summary.js';
import type { PolicyRow } from '../core/policy-row.js';
import type { TcrApi } from '../core/tcr-api.js';
import { gatherPreflightFacts } from './gather-preflight-facts.js';
import { createPreflightReader, type ReaderOptions } from './preflight-reader.js';

/** Reads the facts for `rows` and plans each one: the rows to send, and results for the rest. */
export async function runPreflight(rows: readonly PolicyRow[], api: TcrApi, options: ReaderOptions = {}): Promise<AppliedPlan> {
  const reader = createPreflightReader(api, options);
  try {
    const facts = await gatherPreflightFacts(rows, reader);
    return applyPlan(planRows(rows, facts), { ...reader.calls });
  } finally {
    reader.close();
  }
}
