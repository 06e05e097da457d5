import { keyFactId, kmsRegionOf, type KeyFact, type NamespaceFact, type PreflightFacts, type RegistryFact } from '../core/plan-rows.js';
import type { PolicyRow } from '../core/policy-row.js';
import type { PreflightReader } from './preflight-reader.js';
import { describeKeys, describeRegistries, listCustomDomains, listNamespaces } from './preflight-queries.js';

/**
 * Reads what the planner needs, once per distinct thing however many rows share it: each registry
 * (DescribeInstances, one call per region for all its registries), the namespaces of each usable
 * registry (DescribeNamespaces, all pages, twice: all of them and those that sign), each KMS key in
 * its region (DescribeKeys, up to 100 keys a call), and the custom domains of a registry some row names
 * a Domain in (DescribeInstanceCustomizedDomain). Registries and keys are read in parallel; namespaces
 * and domains once registries are known.
 */
export async function gatherPreflightFacts(rows: readonly PolicyRow[], reader: PreflightReader): Promise<PreflightFacts> {
  const [registries, keys] = await Promise.all([gatherRegistries(rows, reader), gatherKeys(rows, reader)]);
  const namespaces = new Map<string, NamespaceFact>();
  const domains = new Map<string, ReadonlySet<string>>();
  const usable = new Map<string, string>();
  const withDomain = new Set<string>();
  for (const row of rows) {
    const fact = registries.get(row.request.RegistryId);
    if (fact && fact.status === 'Running' && fact.region === row.region) usable.set(row.request.RegistryId, fact.region);
    if (row.request.Domain) withDomain.add(row.request.RegistryId);
  }
  await Promise.all(
    [...usable].map(async ([registryId, region]) => {
      const [names, signing, custom] = await Promise.all([
        listNamespaces(reader, registryId, region, false),
        listNamespaces(reader, registryId, region, true),
        withDomain.has(registryId) ? listCustomDomains(reader, registryId, region) : undefined,
      ]);
      namespaces.set(registryId, { names, signing });
      if (custom) domains.set(registryId, custom);
    }),
  );
  return { registries, namespaces, keys, domains };
}

async function gatherRegistries(rows: readonly PolicyRow[], reader: PreflightReader): Promise<Map<string, RegistryFact | null>> {
  const idsByRegion = new Map<string, Set<string>>();
  for (const row of rows) {
    const ids = idsByRegion.get(row.region) ?? new Set<string>();
    ids.add(row.request.RegistryId);
    idsByRegion.set(row.region, ids);
  }
  const facts = new Map<string, RegistryFact | null>();
  const found = await Promise.all([...idsByRegion].map(([region, ids]) => describeRegistries(reader, region, [...ids])));
  for (const map of found) for (const [id, fact] of map) facts.set(id, fact);
  // A registry missing from its row's region may live in another one: one AllRegion call tells which.
  const missing = [...new Set(rows.map((r) => r.request.RegistryId))].filter((id) => !facts.has(id));
  const [anyRegion] = [...idsByRegion.keys()].sort();
  if (missing.length > 0 && anyRegion) {
    const elsewhere = await describeRegistries(reader, anyRegion, missing, true);
    for (const id of missing) facts.set(id, elsewhere.get(id) ?? null);
  }
  return facts;
}

async function gatherKeys(rows: readonly PolicyRow[], reader: PreflightReader): Promise<Map<string, KeyFact | null>> {
  const idsByRegion = new Map<string, string[]>();
  for (const row of rows) {
    const region = kmsRegionOf(row);
    const ids = idsByRegion.get(region) ?? [];
    ids.push(row.request.KmsId);
    idsByRegion.set(region, ids);
  }
  const facts = new Map<string, KeyFact | null>();
  await Promise.all(
    [...idsByRegion].map(async ([region, ids]) => {
      for (const [id, fact] of await describeKeys(reader, ids, region)) facts.set(keyFactId(id, region), fact);
    }),
  );
  return facts;
}
