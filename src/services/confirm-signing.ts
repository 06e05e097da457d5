import type { PolicyRow } from '../core/policy-row.js';
import type { TcrApi } from '../core/tcr-api.js';
import { readWithPatience } from './traffic/read-with-patience.js';

/** Whether a namespace signs now (DescribeNamespaces with KmsSignPolicy), or why the read failed. */
export type SigningNow =
  | { readonly ok: true; readonly signs: boolean; readonly requestId: string }
  | { readonly ok: false; readonly code: string };

export async function signingNow(api: TcrApi, row: PolicyRow, signal: AbortSignal): Promise<SigningNow> {
  const { RegistryId, NamespaceName } = row.request;
  const params = { RegistryId, NamespaceName, KmsSignPolicy: true, Limit: 100 };
  const outcome = await readWithPatience(api, { service: 'tcr', action: 'DescribeNamespaces', region: row.region, params }, { signal });
  if (!outcome.ok) return { ok: false, code: outcome.code };
  const list = (outcome.response?.NamespaceList ?? []) as { Name?: string }[];
  return { ok: true, signs: list.some((n) => n.Name === NamespaceName), requestId: outcome.requestId };
}

/**
 * After an attempt whose outcome was unknown, the API said the policy "already exists". Rather than
 * guess that it was ours, check: the namespace must sign now (DescribeNamespaces with KmsSignPolicy)
 * and must not have signed before the run (the preflight's baseline). Without a baseline the two
 * cannot be told apart, and the row stays failed with a note saying so.
 */
export async function confirmSigning(
  api: TcrApi,
  row: PolicyRow,
  signal: AbortSignal,
  signingBefore?: (row: PolicyRow) => boolean | undefined,
): Promise<{ created: boolean; note: string }> {
  const before = signingBefore?.(row);
  if (before === true) return { created: false, note: 'the namespace already had a signature policy before this run' };
  const now = await signingNow(api, row, signal);
  if (!now.ok) {
    return { created: false, note: `an earlier attempt had no answer and the check failed (${now.code}): check the namespace before sending again` };
  }
  const checked = `DescribeNamespaces (RequestId ${now.requestId})`;
  if (!now.signs) return { created: false, note: `an earlier attempt had no answer, yet ${checked} shows no signing policy` };
  if (before === undefined) {
    return { created: false, note: `an earlier attempt had no answer; ${checked} shows the namespace signs, but without a preflight baseline it may be an older policy: check it` };
  }
  return { created: true, note: `an earlier attempt had no answer; ${checked} shows the namespace signs now and did not before this run` };
}
