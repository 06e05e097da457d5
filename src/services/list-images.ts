import type { ApiOutcome } from '../core/api-outcome.js';
import type { RegistryListing } from '../core/coverage.js';
import type { ListedTag } from '../core/plan-images.js';
import { PreflightError } from './preflight-reader.js';
import { mergeIn, type MergeOrder } from './merge-sources.js';
import { NUMBERED_PAGE, numberedPages, readNumberedPages } from './read-numbered-pages.js';
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

/**
 * Every tag of one namespace of a registry (every page of both lists), with whether it is signed, a
 * DescribeImages page at a time as each is answered: the namespace's repositories are read at once
 * (each paced in the read lanes) and their pages come in repository order (`fixed`), or as they are
 * answered (`arrival`: a slow repository never holds back the pages of the others). A page the filters
 * leave empty is not yielded. Throws PreflightError.
 */
export async function* namespaceTagPages(read: ImageRead, registry: RegistryListing, namespace: string, filter: ImageFilter, order: MergeOrder = 'fixed'): AsyncGenerator<ListedTag[]> {
  const { registryId: RegistryId, region: Region } = registry;
  const what = t('images.whatNamespace', { namespace, registry: RegistryId, region: Region });
  // Every name is needed before any is used: whether they carry the namespace is read from all of them.
  const repos = await readNumberedPages(
    (Offset) => read('DescribeRepositories', Region, { RegistryId, NamespaceName: namespace, Offset, Limit: NUMBERED_PAGE }),
    'RepositoryList',
    (failure) => { throw new PreflightError('DescribeRepositories', what, failure); },
  );
  const names = repositoryNamesOf(namespace, repos.filter((r) => r.Namespace === undefined || r.Namespace === namespace).map((r) => String(r.Name ?? '')));
  const pagesOf = async function* (RepositoryName: string): AsyncGenerator<ListedTag[]> {
    const pages = numberedPages(
      (Offset) => read('DescribeImages', Region, { RegistryId, NamespaceName: namespace, RepositoryName, Offset, Limit: NUMBERED_PAGE }),
      'ImageInfoList',
      (failure) => { throw new PreflightError('DescribeImages', t('images.whatRepository', { repository: `${namespace}/${RepositoryName}`, registry: RegistryId, region: Region }), failure); },
    );
    for await (const images of pages) {
      const tags = images
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
      if (tags.length > 0) yield tags;
    }
  };
  yield* mergeIn<ListedTag[]>(order)(names.filter(filter.repository).map((name) => () => pagesOf(name)));
}
