import { ErrorCode } from '../api-error.js';
import {
  optionalBoolean,
  optionalFilters,
  optionalInteger,
  optionalString,
  rejectUnknownParameters,
  requiredString,
} from '../params.js';
import type { NamespaceRecord } from '../seed-format.js';
import type { ActionHandler } from './action-context.js';
import { SEEDED_AT, pageNumbered, pageOf } from './paging.js';
import { registryInRegion } from './registry-lookups.js';

const NAMESPACE_PARAMETERS = ['RegistryId', 'NamespaceName', 'Limit', 'Offset', 'All', 'Filters', 'KmsSignPolicy'];

function namespaceView(namespace: NamespaceRecord): Record<string, unknown> {
  return {
    Name: namespace.Name,
    CreationTime: SEEDED_AT,
    Public: namespace.Public,
    NamespaceId: namespace.NamespaceId,
    TagSpecification: { ResourceType: 'namespace', Tags: [] },
    Metadata: [],
    CVEWhitelistItems: [],
    AutoScan: false,
    PreventVUL: false,
    Severity: '',
  };
}

/**
 * Lists a registry's namespaces. `KmsSignPolicy: true` keeps only those with a signature policy
 * (enabled or disabled): the one way the real API shows which namespaces sign.
 */
export const describeNamespaces: ActionHandler = ({ params, region, store, offsetCountsPages, caller }) => {
  rejectUnknownParameters(params, NAMESPACE_PARAMETERS);
  const registryId = requiredString(params, 'RegistryId', { emptyCode: ErrorCode.TcrInvalidParameter });
  const name = optionalString(params, 'NamespaceName');
  const limit = optionalInteger(params, 'Limit', { min: 1 }) ?? 20;
  const offset = optionalInteger(params, 'Offset', { min: 0 }) ?? 0;
  const all = optionalBoolean(params, 'All') ?? false;
  // Namespaces carry no tags here, so a Tags filter matches none, as it would on a registry without tags.
  const tagFilters = optionalFilters(params, ['Tags']);
  const signingOnly = optionalBoolean(params, 'KmsSignPolicy') ?? false;

  const registry = registryInRegion(store, registryId, region, caller.account);
  const matching = registry.namespaces
    .filter((ns) => name === undefined || name === '' || ns.Name === name)
    .filter((ns) => !signingOnly || store.policy(registry.RegistryId, ns.Name) !== undefined)
    .filter(() => tagFilters.length === 0);
  const page = all ? matching : (offsetCountsPages ? pageNumbered : pageOf)(matching, offset, limit);
  return { NamespaceList: page.map(namespaceView), TotalCount: matching.length };
};
