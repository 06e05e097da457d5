import type { NamespaceRecord, RegistryRecord, RepositoryRecord, TagRecord } from './seed-format.js';
import type { ImageSnapshot } from './types.js';

const tagKey = (registryId: string, namespace: string, repository: string, tag: string): string => `${registryId}/${namespace}/${repository}:${tag}`;

/**
 * Which tags are signed: those the seed signed, and those CreateSignature signed since, counted per
 * tag so a test can tell a tag signed once from one signed twice.
 */
export class ImageState {
  private readonly signatures = new Map<string, number>();

  constructor(private readonly registries: () => readonly RegistryRecord[]) {}

  isSigned(registryId: string, namespace: string, repository: string, tag: TagRecord): boolean {
    return tag.signedInSeed || this.signatures.has(tagKey(registryId, namespace, repository, tag.ImageVersion));
  }

  sign(registryId: string, namespace: string, repository: string, tag: TagRecord): void {
    const key = tagKey(registryId, namespace, repository, tag.ImageVersion);
    this.signatures.set(key, (this.signatures.get(key) ?? 0) + 1);
  }

  /** Successful CreateSignature answers per `registry/namespace/repository:tag`; above 1 means signed again. */
  successfulSignatures(): Record<string, number> {
    return Object.fromEntries(this.signatures);
  }

  /** Every repository (of one registry, or all) with its signed and unsigned tags. */
  snapshot(registryId?: string): ImageSnapshot[] {
    return this.registries()
      .filter((r) => registryId === undefined || r.RegistryId === registryId)
      .flatMap((r) => r.namespaces.flatMap((ns) => ns.repositories.map((repo) => this.repositoryView(r, ns, repo))));
  }

  private repositoryView(registry: RegistryRecord, ns: NamespaceRecord, repo: RepositoryRecord): ImageSnapshot {
    const signed = repo.tags.filter((tag) => this.isSigned(registry.RegistryId, ns.Name, repo.Name, tag)).map((tag) => tag.ImageVersion);
    const signedSet = new Set(signed);
    return {
      RegistryId: registry.RegistryId,
      NamespaceName: ns.Name,
      RepositoryName: repo.Name,
      signed,
      unsigned: repo.tags.map((tag) => tag.ImageVersion).filter((tag) => !signedSet.has(tag)),
    };
  }
}
