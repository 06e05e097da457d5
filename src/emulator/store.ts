import type {
  KmsKeyRecord,
  NamespaceRecord,
  NormalizedSeed,
  PolicyRecord,
  RegistryRecord,
  ScriptedFault,
} from './seed-format.js';
import { ImageState } from './image-state.js';
import type { NamespaceSnapshot, PolicySnapshot } from './types.js';

function policyKey(registryId: string, namespaceName: string): string {
  return `${registryId}/${namespaceName}`;
}

/**
 * The emulator's state: registries and KMS keys (fixed after seeding) and signature policies (which
 * the write actions change). Every change is synchronous, so one request's change is never interleaved
 * with another's.
 */
export class EmulatorStore {
  private readonly registriesById = new Map<string, RegistryRecord>();
  private readonly keysById = new Map<string, KmsKeyRecord>();
  private readonly policiesByNamespace = new Map<string, PolicyRecord>();
  /** Bounded by the number of namespaces: a create only succeeds for a namespace that exists. */
  private readonly createsByNamespace = new Map<string, number>();
  /** The seed's scripted faults still to answer, per namespace; emptied as they are used. */
  private readonly scriptedFaults = new Map<string, ScriptedFault[]>();
  /** Repositories and tags live in the registries' records; which tags are signed lives here. */
  readonly images = new ImageState(() => this.registries());

  constructor(seed: NormalizedSeed) {
    for (const registry of seed.registries) {
      this.registriesById.set(registry.RegistryId, registry);
      for (const ns of registry.namespaces) {
        if (ns.Faults.length > 0) this.scriptedFaults.set(policyKey(registry.RegistryId, ns.Name), [...ns.Faults]);
      }
    }
    for (const key of seed.kmsKeys) this.keysById.set(key.KeyId, key);
    for (const policy of seed.policies) {
      this.policiesByNamespace.set(policyKey(policy.RegistryId, policy.NamespaceName), policy);
    }
  }

  registry(registryId: string): RegistryRecord | undefined {
    return this.registriesById.get(registryId);
  }

  /** Registries in seed order, of one region or of all. */
  registries(region?: string): RegistryRecord[] {
    const all = [...this.registriesById.values()];
    return region === undefined ? all : all.filter((r) => r.Region === region);
  }

  namespace(registry: RegistryRecord, name: string): NamespaceRecord | undefined {
    return registry.namespaces.find((ns) => ns.Name === name);
  }

  key(keyId: string): KmsKeyRecord | undefined {
    return this.keysById.get(keyId);
  }

  keys(region: string): KmsKeyRecord[] {
    return [...this.keysById.values()].filter((k) => k.Region === region);
  }

  /** Regions the seed mentions, so DescribeRegions and region checks know about them. */
  seededRegions(): string[] {
    const regions = [...this.registriesById.values()].map((r) => r.Region);
    return [...new Set([...regions, ...[...this.keysById.values()].map((k) => k.Region)])];
  }

  policy(registryId: string, namespaceName: string): PolicyRecord | undefined {
    return this.policiesByNamespace.get(policyKey(registryId, namespaceName));
  }

  addPolicy(policy: PolicyRecord): void {
    const key = policyKey(policy.RegistryId, policy.NamespaceName);
    this.policiesByNamespace.set(key, policy);
    this.createsByNamespace.set(key, (this.createsByNamespace.get(key) ?? 0) + 1);
  }

  /** Removes a namespace's policy; false when it had none. */
  removePolicy(registryId: string, namespaceName: string): boolean {
    return this.policiesByNamespace.delete(policyKey(registryId, namespaceName));
  }

  policies(): PolicySnapshot[] {
    return [...this.policiesByNamespace.values()].map((p) => ({ ...p }));
  }

  namespaces(registryId?: string): NamespaceSnapshot[] {
    const registries = registryId === undefined ? this.registries() : [this.registry(registryId)];
    return registries.flatMap((registry) =>
      (registry?.namespaces ?? []).map((ns) => ({
        RegistryId: registry?.RegistryId ?? '',
        Region: registry?.Region ?? '',
        Name: ns.Name,
        signing: this.policiesByNamespace.has(policyKey(registry?.RegistryId ?? '', ns.Name)),
      })),
    );
  }

  /** The next scripted fault of a namespace, used up by this call; undefined once there are none left. */
  takeScriptedFault(registryId: string, namespaceName: string): ScriptedFault | undefined {
    if (this.scriptedFaults.size === 0) return undefined;
    const key = policyKey(registryId, namespaceName);
    const faults = this.scriptedFaults.get(key);
    const next = faults?.shift();
    if (faults?.length === 0) this.scriptedFaults.delete(key);
    return next;
  }

  successfulCreates(): Record<string, number> {
    return Object.fromEntries(this.createsByNamespace);
  }
}
