// A counting, in-memory TcrApi for the preflight's read calls: registries, namespaces and keys, with
// Offset counted in items (as the emulator does) or in pages (as the real documentation words it).
import type { ApiOutcome } from '../../src/core/api-outcome.js';
import type { PolicyRow } from '../../src/core/policy-row.js';
import type { TcrApi } from '../../src/core/tcr-api.js';

export interface FakeRegistry {
  readonly id: string;
  readonly region: string;
  readonly status?: string;
  readonly namespaces: readonly string[];
  readonly signing?: readonly string[];
}

export interface FakeKey {
  readonly id: string;
  readonly region: string;
  readonly state?: string;
  readonly usage?: string;
}

export interface FakeApiOptions {
  readonly offsetCounts?: 'items' | 'pages';
  /** Answer the first n calls of an action with this failure instead. */
  readonly failFirst?: Readonly<Record<string, { n: number; code: string }>>;
}

export interface CountingApi extends TcrApi {
  readonly calls: { action: string; region: string; params: Record<string, unknown>; at: number }[];
  count(action?: string): number;
}

const ok = (response: Record<string, unknown>): ApiOutcome => ({ ok: true, requestId: `req-${Math.random()}`, response });
const fail = (code: string, message = code): ApiOutcome => ({ ok: false, code, message, requestId: `req-${Math.random()}` });

export function fakeApi(registries: readonly FakeRegistry[], keys: readonly FakeKey[], o: FakeApiOptions = {}): CountingApi {
  const calls: CountingApi['calls'] = [];
  const seen: Record<string, number> = {};
  const page = <T>(items: readonly T[], params: Record<string, unknown>, defaultLimit: number): T[] => {
    const limit = Number(params.Limit ?? defaultLimit);
    const offset = Number(params.Offset ?? 0);
    const start = o.offsetCounts === 'pages' ? offset * limit : offset;
    return items.slice(start, start + limit);
  };
  return {
    calls,
    count: (action) => calls.filter((c) => action === undefined || c.action === action).length,
    async call(_service, action, region, raw) {
      const params = raw as Record<string, unknown>;
      calls.push({ action, region, params, at: performance.now() });
      seen[action] = (seen[action] ?? 0) + 1;
      const failure = o.failFirst?.[action];
      if (failure && (seen[action] ?? 0) <= failure.n) return fail(failure.code);
      await Promise.resolve();
      switch (action) {
        case 'DescribeInstances': {
          const ids = (params.Registryids ?? []) as string[];
          const matching = registries.filter((r) => (params.AllRegion === true || r.region === region) && (ids.length === 0 || ids.includes(r.id)));
          const items = page(matching, params, 20).map((r) => ({ RegistryId: r.id, RegionName: r.region, Status: r.status ?? 'Running' }));
          return ok({ Registries: items, TotalCount: matching.length });
        }
        case 'DescribeNamespaces': {
          const registry = registries.find((r) => r.id === params.RegistryId && r.region === region);
          if (!registry) return fail('ResourceNotFound', `registry ${String(params.RegistryId)} not in ${region}`);
          const names = params.KmsSignPolicy === true ? (registry.signing ?? []) : registry.namespaces;
          const items = params.All === true ? names : page(names, params, 20);
          return ok({ NamespaceList: items.map((Name) => ({ Name })), TotalCount: names.length });
        }
        case 'DescribeKeys': {
          const [id] = (params.KeyIds ?? []) as string[];
          const key = keys.find((k) => k.id === id && k.region === region);
          if (!key) return fail('ResourceUnavailable.CmkNotFound', `no key ${id} in ${region}`);
          return ok({ KeyMetadatas: [{ KeyId: key.id, KeyState: key.state ?? 'Enabled', KeyUsage: key.usage ?? 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }] });
        }
        default:
          return fail('InvalidAction', action);
      }
    },
  };
}

/** `n` rows spread round-robin over the registries, each with its own namespace, keyed by region. */
export function rowsOver(n: number, registries: readonly FakeRegistry[], keyOf: (region: string) => string): PolicyRow[] {
  return Array.from({ length: n }, (_, i) => {
    const registry = registries[i % registries.length] as FakeRegistry;
    return {
      line: i + 2,
      region: registry.region,
      request: { RegistryId: registry.id, Name: `ns-${i}-signing`, NamespaceName: `ns-${i}`, KmsId: keyOf(registry.region), KmsRegion: i % 3 === 0 ? '' : registry.region },
    };
  });
}
