import type { ApiOutcome } from '../core/api-outcome.js';
import type { RegistryListing } from '../core/coverage.js';
import type { ListedTag } from '../core/plan-images.js';
import { PreflightError } from './preflight-reader.js';
import { NUMBERED_PAGE, readNumberedPages } from './read-numbered-pages.js';
import { t } from '../i18n/messages.js';

/** A paced, retried read (the preflight reader's). */
export type ImageRead = (action: 'DescribeRepositories' | 'DescribeImages', region: string, params: Readonly<Record<string, unknown>>) => Promise<ApiOutcome>;

/** Which repositories and tags to take (the --repository and --tag globs). */
export interface ImageFilter {
  readonly repository: (name: string) => boolean;
  readonly tag: (name: string) => boolean;
}

/**
 * A namespace's repository names as CreateSignature takes them, inside the namespace. DescribeRepositories
 * may answer them with the namespace (`library/busybox`, as its reference's example) or without it
 * (`busybox`): when every name carries `namespace/`, that prefix is the namespace and is taken off;
 * otherwise the names are bare (a nested bare name such as `images/debian` stays whole).
 */
export function repositoryNamesOf(namespace: string, listed: readonly string[]): string[] {
  const prefix = `${namespace}/`;
  const prefixed = listed.length > 0 && listed.every((name) => name.startsWith(prefix) && name.length > prefix.length);
  return prefixed ? listed.map((name) => name.slice(prefix.length)) : [...listed];
}

/** Every tag of one namespace of a registry (every page of both lists), with whether it is signed. Throws PreflightError. */
export async function listNamespaceTags(read: ImageRead, registry: RegistryListing, namespace: string, filter: ImageFilter): Promise<ListedTag[]> {
  const { registryId: RegistryId, region: Region } = registry;
  const what = t('images.whatNamespace', { namespace, registry: RegistryId, region: Region });
  const repos = await readNumberedPages(
    (Offset) => read('DescribeRepositories', Region, { RegistryId, NamespaceName: namespace, Offset, Limit: NUMBERED_PAGE }),
    'RepositoryList',
    (failure) => { throw new PreflightError('DescribeRepositories', what, failure); },
  );
  const names = repositoryNamesOf(namespace, repos.filter((r) => r.Namespace === undefined || r.Namespace === namespace).map((r) => String(r.Name ?? '')));
  const perRepository = await Promise.all(names.filter(filter.repository).map(async (RepositoryName) => {
    const images = await readNumberedPages(
      (Offset) => read('DescribeImages', Region, { RegistryId, NamespaceName: namespace, RepositoryName, Offset, Limit: NUMBERED_PAGE }),
      'ImageInfoList',
      (failure) => { throw new PreflightError('DescribeImages', t('images.whatRepository', { repository: `${namespace}/${RepositoryName}`, registry: RegistryId, region: Region }), failure); },
    );
    return images
      .filter((image) => filter.tag(String(image.ImageVersion ?? '')))
      .map((image): ListedTag => ({
        line: 0,
        Region,
        RegistryId,
        NamespaceName: namespace,
        RepositoryName,
        ImageVersion: String(image.ImageVersion ?? ''),
        Digest: String(image.Digest ?? ''),
        // Empty or absent when unsigned, as the API reference says.
        signed: typeof image.KmsSignature === 'string' && image.KmsSignature !== '',
      }));
  }));
  return perRepository.flat();
}
