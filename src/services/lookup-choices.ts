import type { TcrApi } from '../core/tcr-api.js';
import type { ReadAction } from './preflight-reader.js';
import { listNamespaces as readNamespaces } from './preflight-queries.js';
import { readPages, type Item } from './read-pages.js';

/**
 * The lists the wizard offers to pick from. Each returns undefined when the lookup fails (no
 * permission, network, a bad region), so the question falls back to typing the value; `report`
 * hears why.
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

/** Why a list could not be fetched: the API's error code and message (NetworkError for no answer). */
export interface LookupFailure {
  readonly code: string;
  readonly message: string;
}

/** Told why a lookup failed, so the question can say so (or the wizard stop, for refused credentials). */
export type OnLookupFailure = (failure: LookupFailure) => void;

/** A lookup that threw: its API failure when it carries one (a failed read), else the error as NetworkError. */
const reported = (report: OnLookupFailure | undefined) => (error: unknown): undefined => {
  const failure = (error as { failure?: LookupFailure }).failure;
  report?.(failure ? { code: failure.code, message: failure.message } : { code: 'NetworkError', message: (error as Error)?.message ?? String(error) });
  return undefined;
};

/** More than this many pages is not a list anyone picks from by scrolling. */
const MAX_PAGES = 10;

/** Every item of a paged action (up to MAX_PAGES); a failed page throws, which the lists below turn into undefined. */
async function collect(fetchPage: (offset: number) => ReturnType<TcrApi['call']>, listField: string): Promise<Item[]> {
  const { items } = await readPages(fetchPage, listField, (failure) => {
    throw Object.assign(new Error(failure.code), { failure });
  }, MAX_PAGES);
  return items;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** TCR instances in a region (DescribeInstances). */
export async function listRegistries(api: TcrApi, region: string, report?: OnLookupFailure): Promise<RegistryChoice[] | undefined> {
  const items = await collect((Offset) => api.call('tcr', 'DescribeInstances', region, { Offset, Limit: 100 }), 'Registries').catch(reported(report));
  return items?.map((r) => ({ id: text(r.RegistryId), name: text(r.RegistryName), status: text(r.Status), type: text(r.RegistryType) }));
}

/** A registry's namespaces, each marked when it already signs: the preflight's two reads, straight through `api`. */
export async function listNamespaces(api: TcrApi, registryId: string, region: string, report?: OnLookupFailure): Promise<NamespaceChoice[] | undefined> {
  const reader = { read: (action: ReadAction, where: string, params: Readonly<Record<string, unknown>>) => api.call('tcr', action, where, params) };
  const [all, signing] = await Promise.allSettled([readNamespaces(reader, registryId, region, false), readNamespaces(reader, registryId, region, true)]);
  // The signing list only adds marks: its failure is not the list's.
  if (all.status === 'rejected') return reported(report)(all.reason);
  // Without the signing list the marks would be guesses; offer the names unmarked rather than nothing.
  const signs = signing.status === 'fulfilled' ? signing.value : new Set<string>();
  return [...all.value].map((name) => ({ name, signing: signs.has(name) }));
}

/** KMS keys that can sign images: Enabled (KeyState 1) ASYMMETRIC_SIGN_VERIFY_RSA_2048 keys in the KMS region. */
export async function listSigningKeys(api: TcrApi, kmsRegion: string, report?: OnLookupFailure): Promise<KeyChoice[] | undefined> {
  const items = await collect(
    (Offset) => api.call('kms', 'ListKeyDetail', kmsRegion, { Offset, Limit: 200, KeyState: 1, KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }),
    'KeyMetadatas',
  ).catch(reported(report));
  return items?.map((k) => ({ id: text(k.KeyId), alias: text(k.Alias), description: text(k.Description) }));
}
