// Helpers for the engine's end-to-end tests: a generated CSV with its matching emulator seed, an
// in-process emulator, the built CLI as a child process, and polling instead of fixed sleeps.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FaultPlan, type FaultOutcome } from '../../src/emulator/faults.js';
import {
  startEmulator,
  type EmulatorHandle,
  type EmulatorOptions,
  type FaultOptions,
  type PolicySnapshot,
} from '../../src/emulator/index.js';
import type { EmulatorSeed, SeedPolicy } from '../../src/emulator/seed-format.js';

/** The built CLI (`npm run build` runs before the tests). */
export const CLI_PATH = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** Credentials of the test runs: not the demo pair, so a test proves the tool signs with what it is given. */
export const TEST_SECRET_ID = 'AKIDengineTestKit0000000000000000000';
export const TEST_SECRET_KEY = 'engineTestKitSecretKey00000000000000';

/** What the emulator should answer a row with, by construction of the seed. */
export type RowKind = 'ok' | 'missing-namespace' | 'has-policy' | 'disabled-key' | 'wrong-usage-key';

export const EXPECTED_CODE: Readonly<Record<Exclude<RowKind, 'ok'>, string>> = {
  'missing-namespace': 'ResourceNotFound',
  'has-policy': 'ResourceInUse',
  'disabled-key': 'InvalidParameter.ErrorTcrInvalidParameter',
  'wrong-usage-key': 'InvalidParameter.ErrorTcrInvalidParameter',
};

/** What the preflight plan makes of each kind of row: blocked rows end invalid, already-signing ones skipped. */
export const PLANNED: Readonly<Record<RowKind, { status: string; ErrorCode: string }>> = {
  ok: { status: 'created', ErrorCode: '' },
  'missing-namespace': { status: 'invalid', ErrorCode: 'Blocked.NamespaceNotFound' },
  'has-policy': { status: 'skipped', ErrorCode: '' },
  'disabled-key': { status: 'invalid', ErrorCode: 'Blocked.KeyNotEnabled' },
  'wrong-usage-key': { status: 'invalid', ErrorCode: 'Blocked.KeyUsage' },
};

export interface DatasetRow {
  /** Line number in the CSV (the header is line 1). */
  readonly line: number;
  readonly kind: RowKind;
  readonly Region: string;
  readonly RegistryId: string;
  readonly NamespaceName: string;
  readonly Name: string;
  readonly KmsId: string;
  readonly KmsRegion: string;
  readonly Domain: string;
  readonly Disabled: string;
}

export interface Dataset {
  readonly csv: string;
  readonly seed: EmulatorSeed;
  readonly rows: readonly DatasetRow[];
}

const REGISTRIES = [
  { RegistryId: 'tcr-kitgz01', Region: 'ap-guangzhou' },
  { RegistryId: 'tcr-kitsh01', Region: 'ap-shanghai' },
  { RegistryId: 'tcr-kitgz02', Region: 'ap-guangzhou' },
  { RegistryId: 'tcr-kitsg01', Region: 'ap-singapore' },
] as const;

const SIGNING_KEY: Readonly<Record<string, string>> = {
  'ap-guangzhou': '11111111-0000-4000-8000-00000000a001',
  'ap-shanghai': '11111111-0000-4000-8000-00000000a002',
  'ap-singapore': '11111111-0000-4000-8000-00000000a003',
};
const DISABLED_KEY = '11111111-0000-4000-8000-00000000d001';
const WRONG_USAGE_KEY = '11111111-0000-4000-8000-00000000e001';
const OLD_POLICY_KEY = '11111111-0000-4000-8000-00000000f001';

/** Which kind row i (0-based) is: mostly creatable, with every business error spread through the file. */
function kindOf(i: number): RowKind {
  switch (i % 20) {
    case 3: return 'missing-namespace';
    case 8: return 'has-policy';
    case 13: return 'disabled-key';
    case 17: return 'wrong-usage-key';
    default: return 'ok';
  }
}

/**
 * `n` CSV rows over four registries in three regions, and the seed that makes each row end as its kind
 * says: namespaces left out of the seed, namespaces that already have a policy, a Disabled key and an
 * ENCRYPT_DECRYPT key. Some rows leave KmsRegion empty, set Domain, or set Disabled.
 */
export function makeDataset(n: number): Dataset {
  const rows: DatasetRow[] = [];
  for (let i = 0; i < n; i++) {
    const registry = REGISTRIES[i % REGISTRIES.length] as (typeof REGISTRIES)[number];
    const kind = kindOf(i);
    const signingKey = SIGNING_KEY[registry.Region] as string;
    const KmsId = kind === 'disabled-key' ? DISABLED_KEY : kind === 'wrong-usage-key' ? WRONG_USAGE_KEY : signingKey;
    const keyInGuangzhou = KmsId === DISABLED_KEY || KmsId === WRONG_USAGE_KEY;
    rows.push({
      line: i + 2,
      kind,
      Region: registry.Region,
      RegistryId: registry.RegistryId,
      NamespaceName: `team-${String(i).padStart(4, '0')}`,
      Name: `sign-${i}`,
      KmsId,
      // Empty means the registry's own region: only where that is where the key lives.
      KmsRegion: keyInGuangzhou ? 'ap-guangzhou' : i % 7 === 0 ? '' : registry.Region,
      Domain: i % 5 === 0 ? `img${i}.example.com` : '',
      Disabled: i % 6 === 0 ? 'true' : i % 6 === 1 ? 'no' : '',
    });
  }
  const header = 'Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion,Domain,Disabled';
  const lines = rows.map((r) => [r.Region, r.RegistryId, r.NamespaceName, r.Name, r.KmsId, r.KmsRegion, r.Domain, r.Disabled].join(','));
  const policies: SeedPolicy[] = rows
    .filter((r) => r.kind === 'has-policy')
    .map((r) => ({ RegistryId: r.RegistryId, NamespaceName: r.NamespaceName, Name: 'older-policy', KmsId: OLD_POLICY_KEY, KmsRegion: 'ap-guangzhou' }));
  const seed: EmulatorSeed = {
    registries: REGISTRIES.map((reg) => ({
      RegistryId: reg.RegistryId,
      Region: reg.Region,
      Namespaces: [...rows.filter((r) => r.RegistryId === reg.RegistryId && r.kind !== 'missing-namespace').map((r) => r.NamespaceName), 'unrelated'],
      // Every Domain a row names is one of its registry's custom domains.
      Domains: rows.filter((r) => r.RegistryId === reg.RegistryId && r.Domain !== '').map((r) => r.Domain),
    })),
    kmsKeys: [
      ...Object.entries(SIGNING_KEY).map(([Region, KeyId]) => ({ KeyId, Region, KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' })),
      { KeyId: OLD_POLICY_KEY, Region: 'ap-guangzhou', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' },
      { KeyId: DISABLED_KEY, Region: 'ap-guangzhou', KeyState: 'Disabled', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' },
      { KeyId: WRONG_USAGE_KEY, Region: 'ap-guangzhou', KeyUsage: 'ENCRYPT_DECRYPT' },
    ],
    policies,
  };
  return { csv: `${header}\n${lines.join('\n')}\n`, seed, rows };
}

export const keyOf = (r: { readonly RegistryId: string; readonly NamespaceName: string }): string => `${r.RegistryId}/${r.NamespaceName}`;

/** Policies the emulator holds that its seed did not: what the run created. */
export function newPolicies(emulator: EmulatorHandle, seed: EmulatorSeed): PolicySnapshot[] {
  const seeded = new Set((seed.policies ?? []).map(keyOf));
  return emulator.state.policies().filter((p) => !seeded.has(keyOf(p)));
}

/** An ava test context or a Cleanup: something that runs a step when the test (or file) ends. */
export interface HasTeardown {
  teardown(fn: () => Promise<void> | void): void;
}

/** The seed plus every policy the emulator holds now: a second emulator in the same state. */
export function seedWithPoliciesOf(seed: EmulatorSeed, emulator: EmulatorHandle): EmulatorSeed {
  return { ...seed, policies: emulator.state.policies() };
}

/** Teardown for shared fixtures made in `test.before` (run it from `test.after.always`). */
export class Cleanup {
  private readonly steps: (() => unknown)[] = [];

  teardown(fn: () => unknown): void {
    this.steps.push(fn);
  }

  async run(): Promise<void> {
    for (const step of this.steps.reverse()) await step();
  }
}

/**
 * A faultSeed whose first faulted requests meet exactly `fates`, so a test can put a fault on a given
 * request. The emulator draws one fate per faulted request in arrival order from this seed.
 */
export function faultSeedFor(options: FaultOptions, fates: readonly FaultOutcome[]): number {
  for (let seed = 1; seed < 5_000_000; seed++) {
    const plan = new FaultPlan({ ...options, faultSeed: seed });
    if (fates.every((fate) => plan.decide().outcome === fate)) return seed;
  }
  throw new Error(`no faultSeed gives ${fates.join(', ')}`);
}

/** The most arrivals that fall in any half-open window [t, t + windowMs). */
export function maxInWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** A temp directory removed when the test ends. */
export async function tempDir(t: HasTeardown, prefix = 'tcr-engine-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes the dataset's CSV into `dir` and returns its path. */
export async function writeCsv(dir: string, csv: string, name = 'policies.csv'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, csv);
  return path;
}

/** An in-process emulator on a free loopback port that accepts the test pair, closed when the test ends. */
export async function startKitEmulator(
  t: HasTeardown,
  options: EmulatorOptions = {},
): Promise<EmulatorHandle> {
  const emulator = await startEmulator({ credentials: [{ secretId: TEST_SECRET_ID, secretKey: TEST_SECRET_KEY }], ...options, port: 0 });
  t.teardown(() => emulator.close());
  return emulator;
}

/** The environment the CLI runs with: nothing inherited but PATH, a private HOME, and the given pair. */
export function cliEnv(home: string, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    NO_COLOR: '1',
    TENCENTCLOUD_SECRET_ID: TEST_SECRET_ID,
    TENCENTCLOUD_SECRET_KEY: TEST_SECRET_KEY,
    ...extra,
  };
}

export interface CliExit {
  /** Exit code, or null when killed by a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** performance.now() at exit. */
  readonly exitedAt: number;
}

export interface CliRun {
  readonly child: ChildProcess;
  /** What the process has written so far. */
  stdout(): string;
  stderr(): string;
  readonly exit: Promise<CliExit>;
}

/** Spawns `node dist/cli.js ...args` in `cwd` with exactly `env`; killed when the test ends if still running. */
export function spawnCli(
  t: HasTeardown,
  args: readonly string[],
  o: { readonly cwd: string; readonly env: NodeJS.ProcessEnv },
): CliRun {
  if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run \`npm run build\` before the end-to-end tests`);
  const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd: o.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exit = new Promise<CliExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: out, stderr: err, exitedAt: performance.now() }));
  });
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Runs the CLI to its end. */
export function runCli(
  t: HasTeardown,
  args: readonly string[],
  o: { readonly cwd: string; readonly env: NodeJS.ProcessEnv },
): Promise<CliExit> {
  return spawnCli(t, args, o).exit;
}

/** Polls `condition` until it holds (returning its value) or `timeoutMs` passes (throwing `what`). */
export async function waitFor<T>(
  condition: () => T | undefined | false | null,
  what: string,
  { timeoutMs = 20_000, intervalMs = 20 } = {},
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = condition();
    if (value !== undefined && value !== false && value !== null) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Lines of a file so far (0 when it does not exist yet); a partly written last line is not counted. */
export function completeLines(path: string): number {
  if (!existsSync(path)) return 0;
  return readFileSync(path, 'utf8').split('\n').length - 1;
}

/** Every JSON line of a file. */
export function readJsonLines<T = Record<string, unknown>>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/** A row result as the .jsonl export and the journal hold it. */
export interface ExportedResult {
  readonly line: number;
  readonly Region: string;
  readonly RegistryId: string;
  readonly NamespaceName: string;
  readonly status: string;
  readonly RequestId: string;
  readonly ErrorCode: string;
  readonly ErrorMessage: string;
  readonly attempts: number;
  readonly note?: string;
  readonly requestIds?: readonly string[];
}

/** How many rows there are of each status. */
export function statusCounts(results: readonly { readonly status: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** Values that occur more than once. */
export function duplicates<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  const twice = new Set<T>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return [...twice];
}

/** The journals of the runs that wrote into `dir`, oldest first (each run has its own). */
export function journalsIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.journal.jsonl'))
    .map((name) => join(dir, name))
    .sort((a, b) => statSync(a).birthtimeMs - statSync(b).birthtimeMs || a.localeCompare(b));
}

/** The journal of the latest run in `dir` (undefined before it starts). */
export function latestJournal(dir: string): string | undefined {
  return journalsIn(dir).at(-1);
}

/** The result lines of a journal (its intents left out), as the export holds them. */
export function journalResults(path: string | undefined): ExportedResult[] {
  if (!path || !existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"kind":"result"'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as ExportedResult];
      } catch {
        return []; // being written
      }
    });
}
