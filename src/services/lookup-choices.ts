import type { TcrApi } from '../core/tcr-api.js';

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

const thrown = (report: OnLookupFailure | undefined) => (error: unknown): undefined => {
  report?.({ code: 'NetworkError', message: (error as Error)?.message ?? String(error) });
  return undefined;
};

/** More than this many pages is not a list anyone picks from by scrolling. */
const MAX_PAGES = 10;

type Page = Readonly<Record<string, unknown>>;

/** Calls a paged action until every item is in (or MAX_PAGES), or returns undefined on any failure. */
async function collect(
  fetchPage: (offset: number) => ReturnType<TcrApi['call']>,
  itemsOf: (response: Page) => unknown[],
  report?: OnLookupFailure,
): Promise<unknown[] | undefined> {
  const items: unknown[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const outcome = await fetchPage(items.length);
    if (!outcome.ok) {
      report?.({ code: outcome.code, message: outcome.message });
      return undefined;
    }
    const response = outcome.response ?? {};
    const batch = itemsOf(response);
    items.push(...batch);
    const total = typeof response.TotalCount === 'number' ? response.TotalCount : items.length;
    if (batch.length === 0 || items.length >= total) break;
  }
  return items;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const listOf = (v: unknown): Page[] => (Array.isArray(v) ? (v as Page[]) : []);

/** TCR instances in a region (DescribeInstances). */
export async function listRegistries(api: TcrApi, region: string, report?: OnLookupFailure): Promise<RegistryChoice[] | undefined> {
  const items = await collect(
    (Offset) => api.call('tcr', 'DescribeInstances', region, { Offset, Limit: 100 }),
    (r) => listOf(r.Registries),
    report,
  ).catch(thrown(report));
  return items?.map((item) => {
    const r = item as Page;
    return { id: text(r.RegistryId), name: text(r.RegistryName), status: text(r.Status), type: text(r.RegistryType) };
  });
}

/** A registry's namespaces, each marked when it already signs (DescribeNamespaces, then again with KmsSignPolicy). */
export async function listNamespaces(api: TcrApi, region: string, registryId: string, report?: OnLookupFailure): Promise<NamespaceChoice[] | undefined> {
  try {
    const names = (kmsSignPolicy: boolean): Promise<unknown[] | undefined> =>
      collect(
        (Offset) => api.call('tcr', 'DescribeNamespaces', region, { RegistryId: registryId, Offset, Limit: 100, ...(kmsSignPolicy ? { KmsSignPolicy: true } : {}) }),
        (r) => listOf(r.NamespaceList),
        // The signing list only adds marks: its failure is not the list's.
        kmsSignPolicy ? undefined : report,
      );
    const [all, signing] = await Promise.all([names(false), names(true)]);
    if (!all) return undefined;
    // Without the signing list the marks would be guesses; offer the names unmarked rather than nothing.
    const signs = new Set((signing ?? []).map((n) => text((n as Page).Name)));
    return all.map((n) => ({ name: text((n as Page).Name), signing: signs.has(text((n as Page).Name)) }));
  } catch (error) {
    return thrown(report)(error);
  }
}

/** KMS keys that can sign images: Enabled (KeyState 1) ASYMMETRIC_SIGN_VERIFY_RSA_2048 keys in the KMS region. */
export async function listSigningKeys(api: TcrApi, kmsRegion: string, report?: OnLookupFailure): Promise<KeyChoice[] | undefined> {
  const items = await collect(
    (Offset) => api.call('kms', 'ListKeyDetail', kmsRegion, { Offset, Limit: 200, KeyState: 1, KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }),
    (r) => listOf(r.KeyMetadatas),
    report,
  ).catch(thrown(report));
  return items?.map((item) => {
    const k = item as Page;
    return { id: text(k.KeyId), alias: text(k.Alias), description: text(k.Description) };
  });
}
