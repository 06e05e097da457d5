// Datasets for the traffic tests: one registry of `n` namespaces, rows over `keys` KMS keys.
import type { EmulatorHandle } from '../../src/emulator/index.js';
import type { EmulatorSeed } from '../../src/emulator/seed-format.js';
import { join } from 'node:path';
import { disagreements } from './agreement.js';
import { cliEnv, readJsonLines, runCli, startKitEmulator, tempDir, writeCsv, type ExportedResult, type HasTeardown } from './engine-kit.js';

const REGISTRY = 'tcr-trgz01';
const keyId = (i: number): string => `33333333-0000-4000-8000-${String(i).padStart(12, '0')}`;
const names = (n: number, prefix = 'team'): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

export function seedOf(n: number, keys = 1, region = 'ap-guangzhou', registry = REGISTRY): EmulatorSeed {
  return {
    registries: [{ RegistryId: registry, Region: region, Namespaces: names(n) }],
    kmsKeys: Array.from({ length: keys }, (_, i) => ({ KeyId: keyId(i), Region: region, KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' })),
  };
}
export function csvOf(n: number, keys = 1, region = 'ap-guangzhou', registry = REGISTRY): string {
  const rows = names(n).map((ns, i) => `${region},${registry},${ns},${ns}-signing,${keyId(i % keys)},${region}`);
  return `Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion\n${rows.join('\n')}\n`;
}

/** Every recorded status agrees with the emulators' state (each judged on the rows of its registries). */
export function assertAgrees(
  t: { deepEqual: (a: unknown, b: unknown, m?: string) => void },
  results: readonly ExportedResult[],
  emulators: readonly (readonly [EmulatorHandle, EmulatorSeed])[],
): void {
  for (const [emulator, seed] of emulators) {
    const registries = new Set((seed.registries ?? []).map((r) => r.RegistryId));
    t.deepEqual(disagreements(emulator, seed, results.filter((r) => registries.has(r.RegistryId))), [], 'the record agrees with the emulator');
  }
}

export const arrivals = (emulator: EmulatorHandle, action: string): number[] =>
  emulator.state.recentRequests().filter((r) => r.action === action).map((r) => Date.parse(r.receivedAt));


/**
 * `n` rows in ap-guangzhou, then `n` in ap-shanghai (the CSV grouped by region), each region on an
 * emulator of its own: the CSV's path and the flags that send each region to its emulator.
 */
export async function twoEndpoints(t: HasTeardown, n: number) {
  const dir = await tempDir(t);
  const gzSeed = seedOf(n, 1, 'ap-guangzhou', 'tcr-trgz01');
  const shSeed = seedOf(n, 1, 'ap-shanghai', 'tcr-trsh01');
  const gz = await startKitEmulator(t, { seed: gzSeed, requestLogSize: 4 * n });
  const sh = await startKitEmulator(t, { seed: shSeed, requestLogSize: 4 * n });
  const csv = await writeCsv(dir, csvOf(n, 1, 'ap-guangzhou', 'tcr-trgz01') + csvOf(n, 1, 'ap-shanghai', 'tcr-trsh01').split('\n').slice(1).join('\n'));
  const endpoints = ['--endpoint', `ap-guangzhou=${gz.url}`, '--endpoint', `ap-shanghai=${sh.url}`];
  return { dir, csv, endpoints, gz, sh, emulators: [[gz, gzSeed], [sh, shSeed]] as const };
}

/** The rows of `twoEndpoints`, sent by one batch. */
export async function batchOverTwoEndpoints(t: HasTeardown, n: number) {
  const { dir, csv, endpoints, ...rest } = await twoEndpoints(t, n);
  const run = await runCli(t, ['batch', csv, ...endpoints, '--yes', '--no-tui', '--out', 'out.jsonl'], { cwd: dir, env: cliEnv(dir) });
  return { run, ...rest, results: () => readJsonLines<ExportedResult>(join(dir, 'out.jsonl')) };
}
