import type { KeyFact, RegistryFact } from '../core/plan-rows.js';
import { PreflightError, type PreflightReader, type ReadAction } from './preflight-reader.js';

/** The most ids DescribeInstances takes in one call, and its largest page. */
const INSTANCE_PAGE = 100;
const NAMESPACE_PAGE = 100;
const KEY_NOT_FOUND = new Set(['ResourceUnavailable.CmkNotFound', 'ResourceNotFound']);

type Item = Readonly<Record<string, unknown>>;

/**
 * Every item of a paged list: Offset counts items, as the emulator (and most TencentCloud lists) do.
 * Stops at TotalCount or at an empty page, so it never loops; the caller sees how many it missed.
 */
export async function readAllPages(
  reader: PreflightReader,
  action: ReadAction,
  region: string,
  params: Item,
  listField: string,
  what: string,
  limit: number,
): Promise<{ items: Item[]; total: number }> {
  const items: Item[] = [];
  let total = Infinity;
  while (items.length < total) {
    const outcome = await reader.read(action, region, { ...params, Limit: limit, Offset: items.length });
    if (!outcome.ok) throw new PreflightError(action, what, outcome);
    const page = (outcome.response?.[listField] ?? []) as Item[];
    total = Number(outcome.response?.TotalCount ?? page.length);
    if (page.length === 0) break;
    items.push(...page);
  }
  return { items, total };
}

/** Registries of `ids` that DescribeInstances shows in `region` (or, with `allRegions`, in any region). */
export async function describeRegistries(
  reader: PreflightReader,
  region: string,
  ids: readonly string[],
  allRegions = false,
): Promise<Map<string, RegistryFact>> {
  const found = new Map<string, RegistryFact>();
  for (let i = 0; i < ids.length; i += INSTANCE_PAGE) {
    const chunk = [...ids.slice(i, i + INSTANCE_PAGE)].sort();
    const params = { Registryids: chunk, ...(allRegions ? { AllRegion: true } : {}) };
    const what = `${chunk.join(', ')} in ${allRegions ? 'every region' : region}`;
    const { items } = await readAllPages(reader, 'DescribeInstances', region, params, 'Registries', what, INSTANCE_PAGE);
    for (const r of items) {
      const id = String(r.RegistryId ?? '');
      if (chunk.includes(id)) found.set(id, { region: String(r.RegionName ?? ''), status: String(r.Status ?? '') });
    }
  }
  return found;
}

/**
 * Names of a registry's namespaces (only those with a signature policy when `signingOnly`), every page.
 * Should the service count Offset in pages rather than items (its documentation says so), the item-wise
 * paging comes up short of TotalCount; one `All: true` call then fetches the whole list instead.
 */
export async function listNamespaces(reader: PreflightReader, registryId: string, region: string, signingOnly: boolean): Promise<Set<string>> {
  const params = { RegistryId: registryId, ...(signingOnly ? { KmsSignPolicy: true } : {}) };
  const what = `registry ${registryId} (${region})${signingOnly ? ' with KmsSignPolicy' : ''}`;
  const paged = await readAllPages(reader, 'DescribeNamespaces', region, params, 'NamespaceList', what, NAMESPACE_PAGE);
  let names = new Set(paged.items.map((n) => String(n.Name ?? '')));
  if (names.size < paged.total) {
    const outcome = await reader.read('DescribeNamespaces', region, { ...params, All: true });
    if (!outcome.ok) throw new PreflightError('DescribeNamespaces', what, outcome);
    names = new Set(((outcome.response?.NamespaceList ?? []) as Item[]).map((n) => String(n.Name ?? '')));
  }
  return names;
}

/** A KMS key as DescribeKeys sees it in `region`, or null when it is not there. */
export async function describeKey(reader: PreflightReader, keyId: string, region: string): Promise<KeyFact | null> {
  const outcome = await reader.read('DescribeKeys', region, { KeyIds: [keyId] });
  if (!outcome.ok) {
    if (KEY_NOT_FOUND.has(outcome.code)) return null;
    throw new PreflightError('DescribeKeys', `key ${keyId} in ${region}`, outcome);
  }
  const key = ((outcome.response?.KeyMetadatas ?? []) as Item[]).find((k) => k.KeyId === keyId);
  return key ? { state: String(key.KeyState ?? ''), usage: String(key.KeyUsage ?? '') } : null;
}
