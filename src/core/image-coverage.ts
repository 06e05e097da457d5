import type { ListedTag } from './plan-images.js';

/** One namespace's images, as `status --images` shows them (and its --json writes them, key for key). */
export interface NamespaceImages {
  /** The account the namespace lives in, when reached through a CAM role (status --images --role-arn). */
  readonly RoleArn?: string;
  readonly RegistryId: string;
  readonly NamespaceName: string;
  /** The namespace has a signature policy. */
  readonly signing: boolean;
  readonly repositories: number;
  /** Tags: an image is counted once per tag, as CreateSignature signs it. */
  readonly images: number;
  readonly signedImages: number;
  readonly unsignedImages: number;
}

export const IMAGE_COVERAGE_COLUMNS = ['RegistryId', 'NamespaceName', 'signing', 'repositories', 'images', 'signedImages', 'unsignedImages'] as const;

/** The export's columns: with several accounts, RoleArn first (empty for the base credentials), as in `status`'s. */
export function imageCoverageColumns(rows: readonly NamespaceImages[]): readonly (keyof NamespaceImages)[] {
  return rows.some((r) => r.RoleArn) ? ['RoleArn', ...IMAGE_COVERAGE_COLUMNS] : IMAGE_COVERAGE_COLUMNS;
}

/** Per namespace (every one listed, even without images), in the order given: repositories, images, signed, unsigned. Pure. */
export function imageCoverageOf(
  namespaces: readonly { readonly RoleArn?: string; readonly RegistryId: string; readonly NamespaceName: string; readonly signing: boolean }[],
  tags: readonly ListedTag[],
): NamespaceImages[] {
  const byNamespace = new Map<string, { repositories: Set<string>; images: number; signed: number }>();
  for (const tag of tags) {
    const key = `${tag.RegistryId}/${tag.NamespaceName}`;
    const entry = byNamespace.get(key) ?? { repositories: new Set<string>(), images: 0, signed: 0 };
    entry.repositories.add(tag.RepositoryName);
    entry.images += 1;
    if (tag.signed) entry.signed += 1;
    byNamespace.set(key, entry);
  }
  return namespaces.map(({ RoleArn, RegistryId, NamespaceName, signing }) => {
    const entry = byNamespace.get(`${RegistryId}/${NamespaceName}`);
    const images = entry?.images ?? 0;
    const signedImages = entry?.signed ?? 0;
    return { ...(RoleArn ? { RoleArn } : {}), RegistryId, NamespaceName, signing, repositories: entry?.repositories.size ?? 0, images, signedImages, unsignedImages: images - signedImages };
  });
}
