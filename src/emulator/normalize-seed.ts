import { UsageError } from '../core/errors.js';
import type { KmsKeyRecord, NamespaceRecord, NormalizedSeed, PolicyRecord, RegistryRecord } from './seed-format.js';
import { BASE_UIN, KEY_STATES, REPOSITORY_NAME_FORMS, type RepositoryNameForm } from './seed-format.js';
import { checkOwners, readAccount } from './seed-accounts.js';
import { readRepositories } from './seed-repositories.js';
import {
  SeedProblems,
  checkKeys,
  isObject,
  listOf,
  optionalFlag,
  optionalText,
  readFaults,
  requiredText,
  type JsonObject,
} from './seed-fields.js';

/** Seeded keys are dated from here on, one second apart, so "newest first" has a fixed order. */
const SEED_EPOCH_SECONDS = 1_700_000_000;

function readNamespace(entry: unknown, id: number, registryId: string, path: string, problems: SeedProblems): NamespaceRecord {
  const plain = { Public: false, NamespaceId: id, Denied: false, Faults: [], repositories: [] };
  if (typeof entry === 'string' && entry !== '') return { ...plain, Name: entry };
  if (!isObject(entry)) {
    problems.add(path, 'must be a namespace name or {"Name": …, "Public": …}');
    return { ...plain, Name: '' };
  }
  checkKeys(entry, ['Name', 'Public', 'Denied', 'Faults', 'Repositories'], path, problems);
  const Name = requiredText(entry, 'Name', path, problems);
  return {
    Name,
    Public: optionalFlag(entry, 'Public', path, problems),
    NamespaceId: id,
    Denied: optionalFlag(entry, 'Denied', path, problems),
    Faults: readFaults(entry, path, problems),
    repositories: readRepositories(entry, `${registryId}/${Name}`, path, problems),
  };
}

function readDomains(obj: JsonObject, path: string, problems: SeedProblems): string[] | undefined {
  if (obj['Domains'] === undefined) return undefined;
  return listOf(obj, 'Domains', path, problems).flatMap((domain, i): string[] => {
    if (typeof domain === 'string' && domain !== '') return [domain];
    problems.add(`${path}.Domains[${i}]`, 'must be a non-empty string');
    return [];
  });
}

function readRegistry(obj: JsonObject, path: string, problems: SeedProblems, nextId: () => number): RegistryRecord {
  checkKeys(obj, ['RegistryId', 'RegistryName', 'Region', 'Status', 'RegistryType', 'Domains', 'Namespaces', 'Denied', 'Account'], path, problems);
  const RegistryId = requiredText(obj, 'RegistryId', path, problems);
  const namespaces = listOf(obj, 'Namespaces', path, problems).map((entry, i) =>
    readNamespace(entry, nextId(), RegistryId, `${path}.Namespaces[${i}]`, problems),
  );
  const seen = new Set<string>();
  for (const ns of namespaces) {
    if (seen.has(ns.Name)) problems.add(`${path}.Namespaces`, `namespace "${ns.Name}" is listed twice`);
    seen.add(ns.Name);
  }
  return {
    RegistryId,
    RegistryName: optionalText(obj, 'RegistryName', RegistryId, path, problems),
    Region: requiredText(obj, 'Region', path, problems),
    Status: optionalText(obj, 'Status', 'Running', path, problems),
    RegistryType: optionalText(obj, 'RegistryType', 'premium', path, problems),
    Domains: readDomains(obj, path, problems),
    namespaces,
    Denied: optionalFlag(obj, 'Denied', path, problems),
    Account: optionalText(obj, 'Account', BASE_UIN, path, problems),
  };
}

function readKey(obj: JsonObject, index: number, path: string, problems: SeedProblems): KmsKeyRecord {
  checkKeys(obj, ['KeyId', 'Alias', 'Region', 'KeyState', 'KeyUsage', 'Description'], path, problems);
  const KeyState = optionalText(obj, 'KeyState', 'Enabled', path, problems);
  if (!(KEY_STATES as readonly string[]).includes(KeyState)) {
    problems.add(`${path}.KeyState`, `must be one of ${KEY_STATES.join(', ')}`);
  }
  return {
    KeyId: requiredText(obj, 'KeyId', path, problems),
    Alias: optionalText(obj, 'Alias', '', path, problems),
    Region: requiredText(obj, 'Region', path, problems),
    KeyState,
    KeyUsage: optionalText(obj, 'KeyUsage', 'ENCRYPT_DECRYPT', path, problems),
    Description: optionalText(obj, 'Description', '', path, problems),
    CreateTime: SEED_EPOCH_SECONDS + index,
  };
}

function readPolicy(obj: JsonObject, path: string, problems: SeedProblems, registries: readonly RegistryRecord[]): PolicyRecord {
  checkKeys(obj, ['RegistryId', 'NamespaceName', 'Name', 'KmsId', 'KmsRegion', 'Domain', 'Disabled'], path, problems);
  const policy: PolicyRecord = {
    RegistryId: requiredText(obj, 'RegistryId', path, problems),
    NamespaceName: requiredText(obj, 'NamespaceName', path, problems),
    Name: requiredText(obj, 'Name', path, problems),
    KmsId: requiredText(obj, 'KmsId', path, problems),
    KmsRegion: optionalText(obj, 'KmsRegion', '', path, problems),
    Domain: optionalText(obj, 'Domain', '', path, problems),
    Disabled: optionalFlag(obj, 'Disabled', path, problems),
  };
  const registry = registries.find((r) => r.RegistryId === policy.RegistryId);
  if (!registry) problems.add(`${path}.RegistryId`, `no registry "${policy.RegistryId}" in the seed`);
  else if (!registry.namespaces.some((ns) => ns.Name === policy.NamespaceName)) {
    problems.add(`${path}.NamespaceName`, `registry ${policy.RegistryId} has no namespace "${policy.NamespaceName}"`);
  }
  return policy;
}

function objectsOf(root: JsonObject, key: string, problems: SeedProblems): Array<[JsonObject, string]> {
  return listOf(root, key, '$', problems).flatMap((entry, i): Array<[JsonObject, string]> => {
    if (isObject(entry)) return [[entry, `$.${key}[${i}]`]];
    problems.add(`$.${key}[${i}]`, 'must be an object');
    return [];
  });
}

function reportDuplicates(ids: readonly string[], what: string, problems: SeedProblems): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) problems.add(`$.${what}`, `"${id}" appears twice`);
    seen.add(id);
  }
}

/** Validates a seed and fills in its defaults; throws a UsageError listing every problem found. */
export function normalizeSeed(raw: unknown, source: string): NormalizedSeed {
  const problems = new SeedProblems();
  const root: JsonObject = isObject(raw) ? raw : {};
  if (!isObject(raw)) problems.add('$', 'a seed must be a JSON object');
  checkKeys(root, ['accounts', 'registries', 'kmsKeys', 'policies', 'offsetCountsPages', 'repositoryNames'], '$', problems);
  let namespaceId = 0;
  const registries = objectsOf(root, 'registries', problems).map(([obj, path]) =>
    readRegistry(obj, path, problems, () => ++namespaceId),
  );
  const accounts = objectsOf(root, 'accounts', problems).map(([obj, path]) => readAccount(obj, path, problems));
  checkOwners(registries, accounts, problems);
  reportDuplicates(accounts.map((a) => a.Uin), 'accounts', problems);
  const kmsKeys = objectsOf(root, 'kmsKeys', problems).map(([obj, path], i) => readKey(obj, i, path, problems));
  const policies = objectsOf(root, 'policies', problems).map(([obj, path]) => readPolicy(obj, path, problems, registries));
  reportDuplicates(registries.map((r) => r.RegistryId), 'registries', problems);
  reportDuplicates(kmsKeys.map((k) => k.KeyId), 'kmsKeys', problems);
  reportDuplicates(policies.map((p) => `${p.RegistryId}/${p.NamespaceName}`), 'policies (one per namespace)', problems);
  const offsetCountsPages = optionalFlag(root, 'offsetCountsPages', '$', problems);
  const repositoryNames = (root['repositoryNames'] ?? 'with-namespace') as RepositoryNameForm;
  if (!REPOSITORY_NAME_FORMS.includes(repositoryNames)) problems.add('$.repositoryNames', `must be one of ${REPOSITORY_NAME_FORMS.join(', ')}`);
  if (problems.list.length > 0) {
    const shown = problems.list.slice(0, 10).map((line) => `  ${line}`).join('\n');
    const more = problems.list.length > 10 ? `\n  … and ${problems.list.length - 10} more` : '';
    throw new UsageError(`The emulator seed ${source} is not valid:\n${shown}${more}`, 'See docs/emulator.md for the seed format.');
  }
  return { accounts, registries, kmsKeys, policies, offsetCountsPages, repositoryNames };
}
