import { byRegionThenId, coverageOf, type ReadFailure, type RegistryCoverage, type RegistryListing } from '../core/coverage.js';
import { listNamespaces, readAllPages } from './preflight-queries.js';
import { PreflightError, readHint, type PreflightReader } from './preflight-reader.js';

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
  const what = `the registries in ${scope.allRegions ? 'every region' : scope.region}`;
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
  const [names, signing] = await Promise.all([
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
    ? 'these reads need tcr:DescribeNamespaces on each registry: grant it in CAM, or leave the registry out (--registry-id, --region)'
    : readHint(error.failure, false);
  return { code, message, ...(requestId ? { requestId } : {}), hint };
}

/**
 * The coverage of each registry, read side by side (the reader paces them). A registry whose reads
 * fail gets its error instead of figures, and the others are still read.
 */
export async function readCoverage(
  reader: PreflightReader,
  registries: readonly RegistryListing[],
  onRead: (done: number) => void = () => undefined,
): Promise<RegistryCoverage[]> {
  let done = 0;
  return Promise.all(
    registries.map(async (registry): Promise<RegistryCoverage> => {
      try {
        const { names, signing } = await readNamespaceSets(reader, registry);
        return coverageOf(registry, names, signing);
      } catch (error) {
        return { ...registry, error: readFailureOf(error) };
      } finally {
        onRead(++done);
      }
    }),
  );
}
