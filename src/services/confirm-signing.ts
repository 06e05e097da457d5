import type { PolicyRow } from '../core/policy-row.js';
import type { TcrApi } from '../core/tcr-api.js';

/**
 * After an attempt whose outcome was unknown, the API said the policy "already exists". Rather than
 * guess that it was ours, ask DescribeNamespaces whether the namespace now signs.
 */
export async function confirmSigning(api: TcrApi, row: PolicyRow, signal: AbortSignal): Promise<{ signs: boolean; note: string }> {
  const { RegistryId, NamespaceName } = row.request;
  const outcome = await api.call('tcr', 'DescribeNamespaces', row.region, { RegistryId, NamespaceName, KmsSignPolicy: true, Limit: 100 }, signal);
  if (!outcome.ok) {
    return { signs: false, note: `an earlier attempt had no answer and the check failed (${outcome.code}): check the namespace before sending again` };
  }
  const list = (outcome.response?.NamespaceList ?? []) as { Name?: string }[];
  return list.some((n) => n.Name === NamespaceName)
    ? { signs: true, note: `an earlier attempt had no answer; DescribeNamespaces (RequestId ${outcome.requestId}) shows the namespace now signs` }
    : { signs: false, note: `an earlier attempt had no answer, yet DescribeNamespaces (RequestId ${outcome.requestId}) shows no signing policy` };
}
