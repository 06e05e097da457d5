import { keyFactId, kmsRegionOf, type KeyFact, type NamespaceFact, type PreflightFacts, type RegistryFact } from '../core/plan-rows.js';
import type { PolicyRow } from '../core/policy-row.js';
import type { PreflightReader } from './preflight-reader.js';
import { describeKeys, describeRegistries, listCustomDomains, listNamespaces } from './preflight-queries.js';
import { settleAll } from '../core/settle-all.js';

/**
 * Reads what the planner needs, once per distinct thing however many rows share it: each registry
 * (DescribeInstances, one call per region for all its registries), the namespaces of each usable
 * registry (DescribeNamespaces, all pages, twice: all of them and those that sign), each KMS key in
 * its region (DescribeKeys, up to 100 keys a call), and the custom domains of a registry some row names
 * a Domain in (DescribeInstanceCustomizedDomain). A read waits only for the answers it needs, never for
 * another lane's: keys alongside registries, a region's namespaces and domains as soon as its registries are known.
 */
export async function gatherPreflightFacts(rows: readonly PolicyRow[], reader: PreflightReader): Promise<PreflightFacts> {
  const namespaces = new Map<string, NamespaceFact>();
  const domains = new Map<string, ReadonlySet<string>>();
  const withDomain = new Set(rows.filter((row) => row.request.Domain).map((row) => row.request.RegistryId));
  const namespaceReads: Promise<void>[] = [];
  const readNamespaces = (registryId: string, region: string): void => {
    const read = settleAll([
      listNamespaces(reader, registryId, region, false),
      listNamespaces(reader, registryId, region, true),
      withDomain.has(registryId) ? listCustomDomains(reader, registryId, region) : Promise.resolve(undefined),
    ]).then(([names, signing, custom]) => {
      namespaces.set(registryId, { names, signing });
      if (custom) domains.set(registryId, custom);
    });
    read.catch(() => undefined); // awaited below, once the other reads are under way
    namespaceReads.push(read);
  };
  const [registries, keys] = await settleAll([gatherRegistries(rows, reader, readNamespaces), gatherKeys(rows, reader)]);
  await settleAll(namespaceReads);
  return { registries, namespaces, keys, domains };
}

/**
 * Each registry; those usable by their rows (Running, in the rows' region) are handed to
 * `readNamespaces` as each region answers. A registry found only through the AllRegion call lives in
 * another region than its rows: none of its namespaces are needed.
 */
async function gatherRegistries(
  rows: readonly PolicyRow[],
  reader: PreflightReader,
  readNamespaces: (registryId: string, region: string) => void,
): Promise<Map<string, RegistryFact | null>> {
  const idsByRegion = new Map<string, Set<string>>();
  for (const row of rows) {
    const ids = idsByRegion.get(row.region) ?? new Set<string>();
    ids.add(row.request.RegistryId);
    idsByRegion.set(row.region, ids);
  }
  const facts = new Map<string, RegistryFact | null>();
  await Promise.all(
    [...idsByRegion].map(async ([region, ids]) => {
      const found = await describeRegistries(reader, region, [...ids]);
      for (const [id, fact] of found) facts.set(id, fact);
      for (const [id, fact] of found) if (fact.status === 'Running' && fact.region === region) readNamespaces(id, region);
    }),
  );
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
