import { ErrorCode } from '../api-error.js';
import {
  optionalBoolean,
  optionalFilters,
  optionalInteger,
  optionalStringList,
  rejectUnknownParameters,
  requiredString,
} from '../params.js';
import type { RegionTable } from '../regions.js';
import type { RegistryRecord } from '../seed-format.js';
import type { ActionHandler } from './action-context.js';
import { SEEDED_AT, pageOf } from './paging.js';
import { registryInRegion } from './registry-lookups.js';

const INSTANCE_PARAMETERS = ['Registryids', 'Offset', 'Limit', 'Filters', 'AllRegion'];
const INSTANCE_FILTERS = ['RegistryName', 'RegistryId', 'Status'] as const;

function registryView(registry: RegistryRecord, regions: RegionTable): Record<string, unknown> {
  return {
    RegistryId: registry.RegistryId,
    RegistryName: registry.RegistryName,
    RegistryType: registry.RegistryType,
    Status: registry.Status,
    PublicDomain: `${registry.RegistryName}.tencentcloudcr.com`,
    CreatedAt: SEEDED_AT,
    RegionName: registry.Region,
    RegionId: regions.get(registry.Region)?.id ?? 0,
    EnableAnonymous: false,
    TokenValidTime: 87600,
    InternalEndpoint: '',
    TagSpecification: { ResourceType: 'instance', Tags: [] },
    ExpiredAt: '',
    PayMod: 0,
    RenewFlag: 0,
    DeletionProtection: false,
  };
}

export const describeInstances: ActionHandler = ({ params, region, store, regions }) => {
  rejectUnknownParameters(params, INSTANCE_PARAMETERS);
  const ids = optionalStringList(params, 'Registryids') ?? [];
  const offset = optionalInteger(params, 'Offset', { min: 0 }) ?? 0;
  const limit = optionalInteger(params, 'Limit', { min: 1, max: 100 }) ?? 20;
  const filters = optionalFilters(params, INSTANCE_FILTERS);
  const allRegions = optionalBoolean(params, 'AllRegion') ?? false;
  const matching = store
    .registries(allRegions ? undefined : region)
    .filter((r) => ids.length === 0 || ids.includes(r.RegistryId))
    .filter((r) => filters.every((f) => f.Values.includes(r[f.Name as (typeof INSTANCE_FILTERS)[number]])));
  return {
    TotalCount: matching.length,
    Registries: pageOf(matching, offset, limit).map((r) => registryView(r, regions)),
  };
};

export const describeRegions: ActionHandler = ({ params, regions }) => {
  rejectUnknownParameters(params, []);
  const list = regions.all().map((r) => ({
    Alias: r.alias,
    RegionId: r.id,
    RegionName: r.name,
    Status: 'alluser',
    Remark: '',
    CreatedAt: SEEDED_AT,
    UpdatedAt: SEEDED_AT,
    Id: r.id,
  }));
  return { TotalCount: list.length, Regions: list };
};

const DOMAIN_PARAMETERS = ['RegistryId', 'Limit', 'Offset'];

/** A registry's custom domains (the seed's `Domains`; none when it lists none), as CustomizedDomainInfo. */
export const describeInstanceCustomizedDomain: ActionHandler = ({ params, region, store }) => {
  rejectUnknownParameters(params, DOMAIN_PARAMETERS);
  const registry = registryInRegion(store, requiredString(params, 'RegistryId', { emptyCode: ErrorCode.TcrInvalidParameter }), region);
  const offset = optionalInteger(params, 'Offset', { min: 0 }) ?? 0;
  const limit = optionalInteger(params, 'Limit', { min: 1, max: 100 }) ?? 20;
  const domains = registry.Domains ?? [];
  return {
    TotalCount: domains.length,
    DomainInfoList: pageOf(domains, offset, limit).map((DomainName, i) => ({
      RegistryId: registry.RegistryId,
      CertId: `cert-${registry.RegistryId.slice(4)}-${offset + i}`,
      DomainName,
      Status: 'SUCCESS',
    })),
  };
};
