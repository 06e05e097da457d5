import type { RegistryListing } from '../core/coverage.js';
import type { ListedTag } from '../core/plan-images.js';
import type { TcrApi } from '../core/tcr-api.js';
import { mergeIn, type MergeOrder } from '../services/merge-sources.js';
import { namespaceTagPages, type ImageFilter } from '../services/list-images.js';
import { createPreflightReader, PreflightError } from '../services/preflight-reader.js';
import { UsageError } from '../core/errors.js';
import { readHint } from '../core/read-hint.js';
import { t } from '../i18n/messages.js';
import { listRegistries, readNamespaceSets, type RegistryScope } from '../services/read-coverage.js';

/** Namespaces named by registry (from --namespace, or a batch's results with --from). */
export type NamespaceTargets = ReadonlyMap<string, ReadonlySet<string>>;

/** What a listing knows of its scope before its first tag, and what it has counted since. */
export interface ScopeFacts {
  /** Which namespaces have a signature policy, as DescribeNamespaces with KmsSignPolicy says. */
  hasPolicy(registryId: string, namespace: string): boolean;
  readonly registries: readonly RegistryListing[];
  /** Every namespace listed, in listing order, and whether it has a signature policy. */
  readonly namespaceList: readonly { readonly RegistryId: string; readonly NamespaceName: string; readonly signing: boolean }[];
  /** Repositories with a tag in scope, so far. */
  readonly repositories: number;
  readonly namespaces: number;
  /** Read calls made so far, by action. */
  readonly calls: Readonly<Record<string, number>>;
}

export interface ImageScope extends ScopeFacts {
  /** Every tag in scope, numbered in listing order (`line`). */
  readonly tags: ListedTag[];
}

/** A scope whose registries and namespaces are read, its tags still to list, page by page. */
export interface OpenImageScope extends ScopeFacts {
  /**
   * Every tag in scope, a page at a time, numbered as they come (`line`); throws PreflightError. `fixed`:
   * in the order of namespaces, repositories and pages, the same every time; `arrival`: each page as soon
   * as it is answered, so a slow repository never starves what is done with the pages.
   */
  pages(order?: MergeOrder): AsyncGenerator<ListedTag[]>;
}

type ScopeOptions = { readonly scope: RegistryScope; readonly namespaces: readonly string[]; readonly filter: ImageFilter; readonly targets?: NamespaceTargets };

/**
 * Reads what sign-images would touch before any tag: the registries in scope, each one's namespaces
 * (and which sign). Then `pages()` lists every repository and tag of the namespaces asked for, all
 * namespaces at once, in a fixed order. Reads only, paced in their lanes.
 * Throws PreflightError when a read fails for a reason the user can act on.
 */
export async function openImageScope(api: TcrApi, o: ScopeOptions): Promise<OpenImageScope> {
  const reader = createPreflightReader(api);
  const registries = await listRegistries(reader, o.scope);
  const signing = new Set<string>();
  const perRegistry = await Promise.all(registries.map(async (registry) => {
    const sets = await readNamespaceSets(reader, registry);
    for (const ns of sets.signing) signing.add(`${registry.registryId}/${ns}`);
    const wanted = o.targets?.get(registry.registryId);
    const names = [...sets.names].filter((ns) => (o.namespaces.length === 0 || o.namespaces.includes(ns)) && (!o.targets || wanted?.has(ns)));
    return names.map((ns) => ({ registry, ns, listed: { RegistryId: registry.registryId, NamespaceName: ns, signing: sets.signing.has(ns) } }));
  }));
  const namespaces = perRegistry.flat();
  const repositories = new Set<string>();
  return {
    hasPolicy: (registryId, namespace) => signing.has(`${registryId}/${namespace}`),
    registries: o.targets ? registries.filter((r) => o.targets?.has(r.registryId)) : registries,
    namespaceList: namespaces.map((n) => n.listed),
    get repositories() {
      return repositories.size;
    },
    namespaces: namespaces.length,
    calls: reader.calls,
    async *pages(order = 'fixed') {
      let line = 0;
      for await (const page of mergeIn<ListedTag[]>(order)(namespaces.map(({ registry, ns }) => () => namespaceTagPages(reader.read, registry, ns, o.filter, order)))) {
        for (const tag of page) repositories.add(`${tag.RegistryId}/${tag.NamespaceName}/${tag.RepositoryName}`);
        yield page.map((tag) => ({ ...tag, line: (line += 1) }));
      }
    },
  };
}

/** The whole listing at once (status --images, a dry run, a run that asks first). Throws PreflightError. */
export async function listImageScope(api: TcrApi, o: ScopeOptions): Promise<ImageScope> {
  return listAll(await openImageScope(api, o));
}

/** Every tag of an open scope, listed to the end. Throws PreflightError. */
export async function listAll(open: OpenImageScope): Promise<ImageScope> {
  const tags: ListedTag[] = [];
  for await (const page of open.pages()) tags.push(...page);
  return Object.assign(open, { tags });
}

/** A read the listing could not make: a usage error (exit 2) naming it and what to do, nothing sent. */
export function listingAsUsageError(error: unknown): never {
  if (error instanceof PreflightError) throw new UsageError(t('images.listFailed', { message: error.message }), readHint(error.failure, false, error.action));
  throw error;
}
