import type { KeyFact, RegistryFact } from '../core/plan-rows.js';
import { PreflightError, type PreflightReader, type ReadAction } from './preflight-reader.js';
import { readPages, type Item } from './read-pages.js';
import { t } from '../i18n/messages.js';

/** The most ids DescribeInstances takes in one call, and its largest page. */
const INSTANCE_PAGE = 100;
const NAMESPACE_PAGE = 100;
const KEY_NOT_FOUND = new Set(['ResourceUnavailable.CmkNotFound', 'ResourceNotFound']);

/** Every item of a paged read, the pages LIMIT apart; a failed page is a PreflightError naming `what`. */
export function readAllPages(
  reader: Pick<PreflightReader, 'read'>,
  action: ReadAction,
  region: string,
  params: Item,
  listField: string,
  what: string,
  limit: number,
): Promise<{ items: Item[]; total: number }> {
  return readPages((Offset) => reader.read(action, region, { ...params, Limit: limit, Offset }), listField, (failure) => {
    throw new PreflightError(action, what, failure);
  });
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
    const what = t('preflight.whatInstances', { ids: chunk.join(', '), region: allRegions ? t('preflight.everyRegion') : region });
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
export async function listNamespaces(reader: Pick<PreflightReader, 'read'>, registryId: string, region: string, signingOnly: boolean): Promise<Set<string>> {
  const params = { RegistryId: registryId, ...(signingOnly ? { KmsSignPolicy: true } : {}) };
  const what = t(signingOnly ? 'preflight.whatNamespacesSigning' : 'preflight.whatNamespaces', { registry: registryId, region });
  const paged = await readAllPages(reader, 'DescribeNamespaces', region, params, 'NamespaceList', what, NAMESPACE_PAGE);
  let names = new Set(paged.items.map((n) => String(n.Name ?? '')));
  if (names.size < paged.total) {
    const outcome = await reader.read('DescribeNamespaces', region, { ...params, All: true });
    if (!outcome.ok) throw new PreflightError('DescribeNamespaces', what, outcome);
    names = new Set(((outcome.response?.NamespaceList ?? []) as Item[]).map((n) => String(n.Name ?? '')));
  }
  return names;
}

/** Its documented example pages by 10; 20 keeps the calls few within what every list of the API takes. */
const DOMAIN_PAGE = 20;

/** A registry's custom domains (DescribeInstanceCustomizedDomain, every page): what a row's Domain may name. */
export async function listCustomDomains(reader: Pick<PreflightReader, 'read'>, registryId: string, region: string): Promise<Set<string>> {
  const what = t('preflight.whatDomains', { registry: registryId, region });
  const { items } = await readAllPages(reader, 'DescribeInstanceCustomizedDomain', region, { RegistryId: registryId }, 'DomainInfoList', what, DOMAIN_PAGE);
  return new Set(items.map((d) => String(d.DomainName ?? '')));
}

/** DescribeKeys takes up to this many KeyIds in one call. */
export const KEYS_PER_CALL = 100;

/**
 * KMS keys as DescribeKeys sees them in `region` (null: not there), up to KEYS_PER_CALL a call. A
 * call naming a key that does not exist is refused whole (CmkNotFound), so such a batch is split in
 * halves until the missing keys stand alone: a few calls more, only when keys are missing.
 */
export async function describeKeys(reader: PreflightReader, keyIds: readonly string[], region: string): Promise<Map<string, KeyFact | null>> {
  const facts = new Map<string, KeyFact | null>();
  const ask = async (ids: readonly string[]): Promise<void> => {
    const outcome = await reader.read('DescribeKeys', region, { KeyIds: [...ids] });
    if (!outcome.ok) {
      if (!KEY_NOT_FOUND.has(outcome.code)) throw new PreflightError('DescribeKeys', ids.length === 1 ? t('preflight.whatKey', { key: ids[0] ?? '', region }) : t('preflight.whatKeys', { n: ids.length, region }), outcome);
      if (ids.length === 1) facts.set(ids[0] as string, null);
      else await Promise.all([ask(ids.slice(0, ids.length / 2)), ask(ids.slice(ids.length / 2))]);
      return;
    }
    const found = new Map(((outcome.response?.KeyMetadatas ?? []) as Item[]).map((k) => [String(k.KeyId), k]));
    for (const id of ids) {
      const key = found.get(id);
      facts.set(id, key ? { state: String(key.KeyState ?? ''), usage: String(key.KeyUsage ?? '') } : null);
    }
  };
  const unique = [...new Set(keyIds)].sort();
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += KEYS_PER_CALL) batches.push(unique.slice(i, i + KEYS_PER_CALL));
  await Promise.all(batches.map(ask));
  return facts;
}
