// What the sign-images end-to-end tests share: the images world, its pace, a generated world for runs that
// must list for a while, and how to read what the CLI recorded and what the emulator holds, tag by tag.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import type { EmulatorSeed } from '../../src/emulator/seed-format.js';

/** 2 registries, 6 namespaces (one without a policy), 8 repositories, 485 tags. */
export const WORLD = join(process.cwd(), 'fixtures/images-world.json');
/** 60 ± 60 ms per answer for the signing and its reads. */
export const SLOW = { latencyMs: 0, jitterMs: 120, faultActions: ['CreateSignature', 'DescribeImages', 'DescribeRepositories'], requestLogSize: 5_000 };

export type Row = Record<string, string>;
export const keyOf = (r: Row): string => `${r.RegistryId}/${r.NamespaceName}/${r.RepositoryName}:${r.ImageVersion}`;
export const readCsv = async (path: string): Promise<Row[]> => parse(await readFile(path, 'utf8'), { columns: true }) as Row[];

/** What the emulator holds, tag by tag: `registry/namespace/repository:tag` → signed. */
export function held(emulator: EmulatorHandle): Map<string, boolean> {
  const tags = new Map<string, boolean>();
  for (const repo of emulator.state.images()) {
    const at = `${repo.RegistryId}/${repo.NamespaceName}/${repo.RepositoryName}`;
    for (const tag of repo.signed) tags.set(`${at}:${tag}`, true);
    for (const tag of repo.unsigned) tags.set(`${at}:${tag}`, false);
  }
  return tags;
}

/** The CreateSignature requests the emulator received, by the namespace they named. */
export const signaturesSentTo = (emulator: EmulatorHandle, namespace: string): number =>
  emulator.state.recentRequests().filter((r) => r.action === 'CreateSignature' && (JSON.parse(r.body) as Row).NamespaceName === namespace).length;

export const createSignatures = (emulator: EmulatorHandle): number => emulator.state.actionCounts().CreateSignature?.requests ?? 0;

/** The RequestId the emulator answered each successful CreateSignature with, by tag key. */
export function issuedRequestIds(emulator: EmulatorHandle): Map<string, string> {
  const issued = new Map<string, string>();
  for (const r of emulator.state.recentRequests()) {
    if (r.action !== 'CreateSignature' || r.outcome !== 'ok' || !r.requestId) continue;
    issued.set(keyOf(JSON.parse(r.body) as Row), r.requestId);
  }
  return issued;
}

/** A journal's records by key, the last of each: an intent last means that tag was in flight when the journal stopped. */
export function lastRecords(path: string): Map<string, { kind: string; status?: string; RequestId?: string }> {
  const last = new Map<string, { kind: string; status?: string; RequestId?: string }>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.endsWith('}')) continue;
    const record = JSON.parse(line) as { kind: string; key?: string; status?: string; RequestId?: string };
    if (record.key) last.set(record.key, record);
  }
  return last;
}

export const IMAGES_REGISTRY = 'tcr-stream01';
const KEY = 'c0000000-0000-4000-8000-000000000001';

/**
 * One registry, one namespace with a policy, R repositories (the first one nested, `images/r0`) of N tags
 * each; `unsignedEvery`: one tag in that many is unsigned (1: all), spread so every DescribeImages page has some.
 */
export function imagesSeed(o: { readonly repositories: number; readonly tags: number; readonly unsignedEvery?: number }): EmulatorSeed {
  const every = o.unsignedEvery ?? 1;
  return {
    registries: [{
      RegistryId: IMAGES_REGISTRY, Region: 'ap-guangzhou',
      Namespaces: [{
        Name: 'apps',
        Repositories: Array.from({ length: o.repositories }, (_, r) => ({
          Name: r === 0 ? 'images/r0' : `r${r}`,
          Tags: every === 1 ? o.tags : Array.from({ length: o.tags }, (_, i) => ({ Name: `v${i}`, Signed: i % every !== 0 })),
        })),
      }],
    }],
    kmsKeys: [{ KeyId: KEY, Region: 'ap-guangzhou', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
    policies: [{ RegistryId: IMAGES_REGISTRY, NamespaceName: 'apps', Name: 'apps-signing', KmsId: KEY, KmsRegion: 'ap-guangzhou' }],
  };
}

/** The actions whose answers a listing-while-signing run delays (the emulator's latency applies to these). */
export const LISTS_AND_SIGNS = SLOW.faultActions;
