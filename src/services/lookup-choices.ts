import type { TcrApi } from '../core/tcr-api.js';
import type { ReadAction } from './preflight-reader.js';
import { listNamespaces as readNamespaces } from './preflight-queries.js';
import { readPages, type Item } from './read-pages.js';

/**
 * The lists the wizard offers to pick from. Each returns undefined when the lookup fails (no
 * permission, network, a bad region), so the question falls back to typing the value.
 */
export interface RegistryChoice {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly type: string;
}

export interface NamespaceChoice {
  readonly name: string;
  /** Already has a signature policy: a second one would be refused. */
  readonly signing: boolean;
}

export interface KeyChoice {
  readonly id: string;
  readonly alias: string;
  readonly description: string;
}

/** More than this many pages is not a list anyone picks from by scrolling. */
const MAX_PAGES = 10;

/** Every item of a paged action (up to MAX_PAGES); a failed page throws, which the lists below turn into undefined. */
async function collect(fetchPage: (offset: number) => ReturnType<TcrApi['call']>, listField: string): Promise<Item[]> {
  const { items } = await readPages(fetchPage, listField, (failure) => {
    throw new Error(failure.code);
  }, MAX_PAGES);
  return items;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** TCR instances in a region (DescribeInstances). */
export async function listRegistries(api: TcrApi, region: string): Promise<RegistryChoice[] | undefined> {
  const items = await collect((Offset) => api.call('tcr', 'DescribeInstances', region, { Offset, Limit: 100 }), 'Registries').catch(() => undefined);
  return items?.map((r) => ({ id: text(r.RegistryId), name: text(r.RegistryName), status: text(r.Status), type: text(r.RegistryType) }));
}

/** A registry's namespaces, each marked when it already signs: the preflight's two reads, straight through `api`. */
export async function listNamespaces(api: TcrApi, registryId: string, region: string): Promise<NamespaceChoice[] | undefined> {
  const reader = { read: (action: ReadAction, where: string, params: Readonly<Record<string, unknown>>) => api.call('tcr', action, where, params) };
  const [all, signing] = await Promise.allSettled([readNamespaces(reader, registryId, region, false), readNamespaces(reader, registryId, region, true)]);
  if (all.status === 'rejected') return undefined;
  // Without the signing list the marks would be guesses; offer the names unmarked rather than nothing.
  const signs = signing.status === 'fulfilled' ? signing.value : new Set<string>();
  return [...all.value].map((name) => ({ name, signing: signs.has(name) }));
}

/** KMS keys that can sign images: Enabled (KeyState 1) ASYMMETRIC_SIGN_VERIFY_RSA_2048 keys in the KMS region. */
export async function listSigningKeys(api: TcrApi, kmsRegion: string): Promise<KeyChoice[] | undefined> {
  const items = await collect(
    (Offset) => api.call('kms', 'ListKeyDetail', kmsRegion, { Offset, Limit: 200, KeyState: 1, KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }),
    'KeyMetadatas',
  ).catch(() => undefined);
  return items?.map((k) => ({ id: text(k.KeyId), alias: text(k.Alias), description: text(k.Description) }));
}
