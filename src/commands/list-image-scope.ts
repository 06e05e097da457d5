import type { RegistryListing } from '../core/coverage.js';
import type { ListedTag } from '../core/plan-images.js';
import type { TcrApi } from '../core/tcr-api.js';
import { listNamespaceTags, type ImageFilter } from '../services/list-images.js';
import { createPreflightReader } from '../services/preflight-reader.js';
import { listRegistries, readNamespaceSets, type RegistryScope } from '../services/read-coverage.js';

/** Namespaces named by registry (from --namespace, or a batch's results with --from). */
export type NamespaceTargets = ReadonlyMap<string, ReadonlySet<string>>;

export interface ImageScope {
  /** Every tag in scope, numbered in listing order (`line`). */
  readonly tags: ListedTag[];
  /** Which namespaces have a signature policy, as DescribeNamespaces with KmsSignPolicy says. */
  hasPolicy(registryId: string, namespace: string): boolean;
  readonly registries: readonly RegistryListing[];
  /** Every namespace listed, in listing order, and whether it has a signature policy. */
  readonly namespaceList: readonly { readonly RegistryId: string; readonly NamespaceName: string; readonly signing: boolean }[];
  readonly repositories: number;
  readonly namespaces: number;
  /** Read calls made, by action. */
  readonly calls: Readonly<Record<string, number>>;
}

/**
 * Lists what sign-images would touch: the registries in scope, each one's namespaces (and which sign),
 * then every repository and tag of the namespaces asked for. Reads only, paced in their lanes.
 * Throws PreflightError when a read fails for a reason the user can act on.
 */
export async function listImageScope(
  api: TcrApi,
  o: { readonly scope: RegistryScope; readonly namespaces: readonly string[]; readonly filter: ImageFilter; readonly targets?: NamespaceTargets },
): Promise<ImageScope> {
  const reader = createPreflightReader(api);
  const registries = await listRegistries(reader, o.scope);
  const signing = new Set<string>();
  const perNamespace = await Promise.all(registries.map(async (registry) => {
    const sets = await readNamespaceSets(reader, registry);
    for (const ns of sets.signing) signing.add(`${registry.registryId}/${ns}`);
    const wanted = o.targets?.get(registry.registryId);
    const names = [...sets.names].filter((ns) => (o.namespaces.length === 0 || o.namespaces.includes(ns)) && (!o.targets || wanted?.has(ns)));
    const tags = await Promise.all(names.map((ns) => listNamespaceTags(reader.read, registry, ns, o.filter)));
    return { tags, listed: names.map((ns) => ({ RegistryId: registry.registryId, NamespaceName: ns, signing: sets.signing.has(ns) })) };
  }));
  const flat = perNamespace.flatMap((r) => r.tags);
  const tags = flat.flat().map((tag, i) => ({ ...tag, line: i + 1 }));
  const repositories = new Set(tags.map((tag) => `${tag.RegistryId}/${tag.NamespaceName}/${tag.RepositoryName}`)).size;
  return {
    tags,
    hasPolicy: (registryId, namespace) => signing.has(`${registryId}/${namespace}`),
    registries: o.targets ? registries.filter((r) => o.targets?.has(r.registryId)) : registries,
    namespaceList: perNamespace.flatMap((r) => r.listed),
    repositories,
    namespaces: flat.length,
    calls: reader.calls,
  };
}
