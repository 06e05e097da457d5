import type { PolicyRow } from '../core/policy-row.js';
import type { LanedApi, TcrApi } from '../core/tcr-api.js';
import { readWithPatience } from './traffic/read-with-patience.js';
import { t } from '../i18n/messages.js';

/** Whether a namespace signs now (DescribeNamespaces with KmsSignPolicy), or why the read failed. */
export type SigningNow =
  | { readonly ok: true; readonly signs: boolean; readonly requestId: string }
  | { readonly ok: false; readonly code: string };

/** The read that tells whether a namespace signs now. */
const SIGNING_READ = { service: 'tcr', action: 'DescribeNamespaces' } as const;

/** The lane the signing check of `row` waits in. */
export const signingLaneOf = (api: LanedApi, row: PolicyRow): string => api.laneOf(SIGNING_READ.service, SIGNING_READ.action, row.region);

export async function signingNow(api: TcrApi, row: PolicyRow, signal: AbortSignal): Promise<SigningNow> {
  const { RegistryId, NamespaceName } = row.request;
  const params = { RegistryId, NamespaceName, KmsSignPolicy: true, Limit: 100 };
  const outcome = await readWithPatience(api, { ...SIGNING_READ, region: row.region, params }, { signal });
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
  if (before === true) return { created: false, note: t('note.signedBefore') };
  const now = await signingNow(api, row, signal);
  if (!now.ok) {
    return { created: false, note: t('note.checkFailed', { code: now.code }) };
  }
  const checked = t('note.checked', { id: now.requestId });
  if (!now.signs) return { created: false, note: t('note.noPolicy', { checked }) };
  if (before === undefined) {
    return { created: false, note: t('note.maybeOlder', { checked }) };
  }
  return { created: true, note: t('note.confirmed', { checked }) };
}
