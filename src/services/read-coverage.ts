import { byRegionThenId, coverageOf, type ReadFailure, type RegistryCoverage, type RegistryListing } from '../core/coverage.js';
import { listNamespaces, readAllPages } from './preflight-queries.js';
import { readHint } from '../core/read-hint.js';
import { PreflightError, type PreflightReader } from './preflight-reader.js';
import { t } from '../i18n/messages.js';
import { settleAll } from '../core/settle-all.js';

const INSTANCE_PAGE = 100;

/** Which registries to look at: every one the credentials see, or those of one region, or given ids. */
export interface RegistryScope {
  /** The region the listing call is sent to; with `allRegions` it only routes the call. */
  readonly region: string;
  readonly allRegions: boolean;
  /** Only these registry ids (every one when empty). */
  readonly ids: readonly string[];
}

/** Every registry in scope (every page of DescribeInstances), sorted by region then id. Throws PreflightError. */
export async function listRegistries(reader: PreflightReader, scope: RegistryScope): Promise<RegistryListing[]> {
  const params = {
    ...(scope.ids.length > 0 ? { Registryids: [...scope.ids].sort() } : {}),
    ...(scope.allRegions ? { AllRegion: true } : {}),
  };
  const what = t('preflight.whatRegistries', { where: scope.allRegions ? t('preflight.everyRegion') : scope.region });
  const { items } = await readAllPages(reader, 'DescribeInstances', scope.region, params, 'Registries', what, INSTANCE_PAGE);
  const seen = new Map<string, RegistryListing>();
  for (const r of items) {
    const registryId = String(r.RegistryId ?? '');
    if (scope.ids.length === 0 || scope.ids.includes(registryId)) {
      seen.set(registryId, { registryId, region: String(r.RegionName ?? ''), status: String(r.Status ?? '') });
    }
  }
  return [...seen.values()].sort(byRegionThenId);
}

/** One registry's namespaces, and those of them that sign (every page of both). Throws PreflightError. */
export async function readNamespaceSets(reader: PreflightReader, registry: RegistryListing): Promise<{ names: Set<string>; signing: Set<string> }> {
  const [names, signing] = await settleAll([
    listNamespaces(reader, registry.registryId, registry.region, false),
    listNamespaces(reader, registry.registryId, registry.region, true),
  ]);
  return { names, signing };
}

/** A failed read as the faces show it; anything that is not a failed read is a bug and stays thrown. */
export function readFailureOf(error: unknown): ReadFailure {
  if (!(error instanceof PreflightError)) throw error;
  const { code, message, requestId } = error.failure;
  // The generic hint names kms:DescribeKeys too, which coverage does not read.
  const hint = /^UnauthorizedOperation|Unauthorized$/.test(code)
    ? t('coverage.permissions')
    : readHint(error.failure, false);
  return { code, message, ...(requestId ? { requestId } : {}), hint };
}

/** A registry's namespaces and those of them that sign. */
export interface RegistryNamespaces {
  readonly registry: RegistryListing;
  readonly names: ReadonlySet<string>;
  readonly signing: ReadonlySet<string>;
}

/**
 * Every registry's namespace sets, read side by side (the reader paces them). A registry whose reads
 * fail is set aside with why, and the others are still read. Both lists keep the order given.
 */
export async function readEachRegistry(
  reader: PreflightReader,
  registries: readonly RegistryListing[],
  onRead: (done: number) => void = () => undefined,
): Promise<{ read: RegistryNamespaces[]; unreadable: RegistryCoverage[] }> {
  let done = 0;
  const outcomes = await Promise.all(
    registries.map(async (registry): Promise<RegistryNamespaces | RegistryCoverage> => {
      try {
        return { registry, ...(await readNamespaceSets(reader, registry)) };
      } catch (error) {
        return { ...registry, error: readFailureOf(error) };
      } finally {
        onRead(++done);
      }
    }),
  );
  return {
    read: outcomes.filter((o): o is RegistryNamespaces => 'names' in o),
    unreadable: outcomes.filter((o): o is RegistryCoverage => 'error' in o),
  };
}

/** The coverage of each registry, by region then id; an unreadable one carries its error instead of figures. */
export async function readCoverage(
  reader: PreflightReader,
  registries: readonly RegistryListing[],
  onRead?: (done: number) => void,
): Promise<RegistryCoverage[]> {
  const { read, unreadable } = await readEachRegistry(reader, registries, onRead);
  return [...read.map((r) => coverageOf(r.registry, r.names, r.signing)), ...unreadable].sort(byRegionThenId);
}
