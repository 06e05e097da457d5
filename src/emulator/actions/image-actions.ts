import { ApiError, ErrorCode } from '../api-error.js';
import { optionalBoolean, optionalInteger, optionalString, rejectUnknownParameters, requiredString } from '../params.js';
import type { NamespaceRecord, RegistryRecord, RepositoryRecord } from '../seed-format.js';
import type { EmulatorStore } from '../store.js';
import type { ActionContext, ActionHandler } from './action-context.js';
import { SEEDED_AT, pageFromOne } from './paging.js';
import { checkPermission, namespaceOf, registryInRegion } from './registry-lookups.js';

/** The regions CreateSignature's API page lists; elsewhere it answers UnsupportedRegion. */
export const SIGNATURE_REGIONS: readonly string[] = [
  'ap-bangkok', 'ap-beijing', 'ap-chengdu', 'ap-chongqing', 'ap-guangzhou', 'ap-hongkong', 'ap-jakarta', 'ap-mumbai', 'ap-nanjing', 'ap-seoul',
  'ap-shanghai', 'ap-shanghai-fsi', 'ap-shenzhen-fsi', 'ap-singapore', 'ap-tokyo', 'eu-frankfurt', 'na-ashburn', 'na-siliconvalley', 'sa-saopaulo',
];

const TCR_REQUIRED = { emptyCode: ErrorCode.TcrInvalidParameter } as const;

function repositoryOf(registry: RegistryRecord, ns: NamespaceRecord, name: string): RepositoryRecord {
  const repo = ns.repositories.find((r) => r.Name === name);
  if (!repo) throw new ApiError(ErrorCode.ResourceNotFound, `The repository ${name} does not exist in namespace ${ns.Name} of registry ${registry.RegistryId}.`);
  return repo;
}

/** Limit ≤ 100 and Offset a page number (from 1 as documented, 0 meaning the first page; or from 0 under the other reading). */
function pageParams(context: ActionContext): { limit: number; page: number } {
  const limit = optionalInteger(context.params, 'Limit', { min: 1, max: 100 }) ?? 20;
  const offset = optionalInteger(context.params, 'Offset', { min: 0 }) ?? (context.pagesFromZero ? 0 : 1);
  return { limit, page: context.pagesFromZero ? offset + 1 : Math.max(1, offset) };
}

/** Repositories of a registry (of one namespace, or all), named with or without their namespace as the switch says. */
export const describeRepositories: ActionHandler = (context) => {
  const { params, region, store, caller } = context;
  rejectUnknownParameters(params, ['RegistryId', 'NamespaceName', 'RepositoryName', 'Offset', 'Limit', 'SortBy']);
  const registry = registryInRegion(store, requiredString(params, 'RegistryId', TCR_REQUIRED), region, caller.account);
  const namespace = optionalString(params, 'NamespaceName') ?? '';
  const repository = optionalString(params, 'RepositoryName') ?? '';
  const { limit, page } = pageParams(context);
  const namespaces = namespace === '' ? registry.namespaces : [namespaceOf(store, registry, namespace)];
  const matching = namespaces.flatMap((ns) => ns.repositories.filter((r) => repository === '' || r.Name === repository).map((r) => ({ ns, r })));
  const list = pageFromOne(matching, page, limit).map(({ ns, r }) => ({
    Name: context.repositoryNames === 'bare' ? r.Name : `${ns.Name}/${r.Name}`,
    Namespace: ns.Name,
    CreationTime: SEEDED_AT,
    UpdateTime: SEEDED_AT,
    Public: ns.Public,
    Description: '',
    BriefDescription: '',
  }));
  return { RepositoryList: list, TotalCount: matching.length };
};

/** A repository's tags; `KmsSignature` set when signed, and empty or absent (alternately) when not, as the API reference allows both. */
export const describeImages: ActionHandler = (context) => {
  const { params, region, store, caller } = context;
  rejectUnknownParameters(params, ['RegistryId', 'NamespaceName', 'RepositoryName', 'ImageVersion', 'Limit', 'Offset', 'Digest', 'ExactMatch']);
  const registry = registryInRegion(store, requiredString(params, 'RegistryId', TCR_REQUIRED), region, caller.account);
  const denied = context.sessions.deniesImagePage(caller.account);
  if (denied !== undefined) {
    throw new ApiError(denied, `You are not authorized to perform tcr:DescribeImages on registry ${registry.RegistryId}: the CAM policy of this caller no longer grants it.`);
  }
  const ns = namespaceOf(store, registry, requiredString(params, 'NamespaceName', TCR_REQUIRED));
  const repo = repositoryOf(registry, ns, requiredString(params, 'RepositoryName', TCR_REQUIRED));
  const version = optionalString(params, 'ImageVersion') ?? '';
  const digest = optionalString(params, 'Digest') ?? '';
  const exact = optionalBoolean(params, 'ExactMatch') ?? false;
  const { limit, page } = pageParams(context);
  const matching = repo.tags
    .filter((tag) => version === '' || (exact ? tag.ImageVersion === version : tag.ImageVersion.includes(version)))
    .filter((tag) => digest === '' || tag.Digest === digest);
  const list = pageFromOne(matching, page, limit).map((tag, i) => {
    const signed = store.images.isSigned(registry.RegistryId, ns.Name, repo.Name, tag);
    const signature = signed ? { KmsSignature: `kms-signed:${tag.Digest.slice(7, 19)}` } : i % 2 === 0 ? { KmsSignature: '' } : {};
    return { Digest: tag.Digest, Size: tag.Size, ImageVersion: tag.ImageVersion, UpdateTime: SEEDED_AT, Kind: 'image', ...signature };
  });
  return { ImageInfoList: list, TotalCount: matching.length };
};

function signable(store: EmulatorStore, context: ActionContext): { registry: RegistryRecord; ns: NamespaceRecord; repo: RepositoryRecord } {
  const { params, region, caller } = context;
  if (!SIGNATURE_REGIONS.includes(region)) {
    throw new ApiError(ErrorCode.UnsupportedRegion, `CreateSignature is not offered in region ${region}.`);
  }
  const registry = registryInRegion(store, requiredString(params, 'RegistryId', TCR_REQUIRED), region, caller.account);
  const ns = namespaceOf(store, registry, requiredString(params, 'NamespaceName', TCR_REQUIRED));
  checkPermission(registry, ns, 'CreateSignature');
  const repo = repositoryOf(registry, ns, requiredString(params, 'RepositoryName', TCR_REQUIRED));
  if (!store.policy(registry.RegistryId, ns.Name)) {
    throw new ApiError(ErrorCode.UnsupportedOperation, `Namespace ${ns.Name} of registry ${registry.RegistryId} has no signature policy; create one before signing its images.`);
  }
  return { registry, ns, repo };
}

/** Signs one tag with the namespace's policy; signing a signed tag again is answered the same and counted. */
export const createSignature: ActionHandler = (context) => {
  const { params, store } = context;
  rejectUnknownParameters(params, ['RegistryId', 'NamespaceName', 'RepositoryName', 'ImageVersion']);
  const { registry, ns, repo } = signable(store, context);
  const version = requiredString(params, 'ImageVersion', TCR_REQUIRED);
  const tag = repo.tags.find((t) => t.ImageVersion === version);
  if (!tag) throw new ApiError(ErrorCode.ResourceNotFound, `The tag ${version} does not exist in repository ${ns.Name}/${repo.Name}.`);
  store.images.sign(registry.RegistryId, ns.Name, repo.Name, tag);
  return {};
};
