// `discover` run as a user would: the built CLI against the emulator, its CSV read back and fed to batch.
import test, { type ExecutionContext } from 'ava';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { EmulatorSeed } from '../src/services/emulator/seed-format.js';
import { cliEnv, runCli, startKitEmulator, tempDir } from './helpers/engine-kit.js';

const KEY = '33333333-0000-4000-8000-00000000a001';
const KEY_DISABLED = '33333333-0000-4000-8000-00000000d001';
const MANY = Array.from({ length: 250 }, (_, i) => `svc-${String(i).padStart(3, '0')}`);
const SEED: EmulatorSeed = {
  registries: [
    { RegistryId: 'tcr-disc01', Region: 'ap-guangzhou', Namespaces: ['team-a', 'team-b', 'team-a-sandbox', 'data.ingest', 'library'] },
    { RegistryId: 'tcr-disc02', Region: 'ap-guangzhou', Namespaces: MANY },
    { RegistryId: 'tcr-discsh', Region: 'ap-shanghai', Namespaces: ['web'] },
  ],
  kmsKeys: [
    { KeyId: KEY, Region: 'ap-guangzhou', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' },
    { KeyId: KEY_DISABLED, Region: 'ap-guangzhou', KeyState: 'Disabled', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' },
  ],
  policies: [{ RegistryId: 'tcr-disc01', NamespaceName: 'library', Name: 'old', KmsId: KEY, KmsRegion: 'ap-guangzhou' }],
};
const HEADER = ['Region', 'RegistryId', 'NamespaceName', 'Name', 'KmsId', 'KmsRegion', 'Domain', 'Disabled'];
const KEY_FLAGS = ['--kms-id', KEY, '--kms-region', 'ap-guangzhou'];

interface Setup {
  readonly dir: string;
  readonly url: string;
  /** `discover --endpoint <emulator> ...args`, with the test credentials and `env` added. */
  discover(args: readonly string[], env?: Readonly<Record<string, string>>): ReturnType<typeof runCli>;
}

async function setup(t: ExecutionContext): Promise<Setup> {
  const dir = await tempDir(t);
  const { url } = await startKitEmulator(t, { seed: SEED });
  return { dir, url, discover: (args, env = {}) => runCli(t, ['discover', '--endpoint', url, ...args], { cwd: dir, env: cliEnv(dir, env) }) };
}

const rowsOf = (csv: string): string[][] => parse(csv) as string[][];

test('discover writes the SPEC columns, one row per namespace, Region filled, default names, to stdout', async (t) => {
  const { discover } = await setup(t);
  const run = await discover(['--registry-id', 'tcr-disc01', '--region', 'ap-guangzhou', ...KEY_FLAGS]);
  t.is(run.code, 0, run.stderr);
  const [header, ...rows] = rowsOf(run.stdout);
  t.deepEqual(header, HEADER);
  t.deepEqual(rows, ['data.ingest', 'library', 'team-a', 'team-a-sandbox', 'team-b'].map((ns) => ['ap-guangzhou', 'tcr-disc01', ns, `${ns}-signing`, KEY, 'ap-guangzhou', '', '']));
  t.regex(run.stderr, /^Wrote 5 rows to standard output from 5 namespaces of tcr-disc01\.$/m);
});

test('--match, --exclude and --unsigned-only filter; --name and the region from the environment fill in', async (t) => {
  const { dir, discover, url } = await setup(t);
  const run = await discover(
    ['--registry-id', 'tcr-disc01', '--match', '{team-*,library}', '--exclude', '*-sandbox', '--unsigned-only', '--name', '{registry}.{namespace}', ...KEY_FLAGS, '--out', 'out.csv'],
    { TENCENTCLOUD_REGION: 'ap-guangzhou' },
  );
  t.is(run.code, 0, run.stderr);
  t.is(run.stdout, '');
  const rows = rowsOf(await readFile(join(dir, 'out.csv'), 'utf8')).slice(1);
  t.deepEqual(rows.map((r) => [r[2], r[3]]), [['team-a', 'tcr-disc01.team-a'], ['team-b', 'tcr-disc01.team-b']]);
  t.regex(run.stderr, /Wrote 2 rows to out\.csv from 5 namespaces of tcr-disc01 \(left out: 1 not matching --match, 1 matching --exclude, 1 already signing\)\./);
  // The next step keeps the endpoint: pasted, its plan reads the same (emulated) account.
  t.true(run.stderr.includes(`Review it, then: tcr-sigpolicy batch out.csv --endpoint ${url} --dry-run\n`), run.stderr);
});

test('every page: a registry with 250 namespaces gives 250 rows', async (t) => {
  const { discover } = await setup(t);
  const run = await discover(['--registry-id', 'tcr-disc02', '--region', 'ap-guangzhou', ...KEY_FLAGS]);
  t.is(run.code, 0, run.stderr);
  t.deepEqual(rowsOf(run.stdout).slice(1).map((r) => r[2]), MANY);
});

test('the CSV it writes is valid batch input and plans as create (or skip for a namespace that signs)', async (t) => {
  const { dir, url, discover } = await setup(t);
  t.is((await discover(['--registry-id', 'tcr-disc01', '--region', 'ap-guangzhou', ...KEY_FLAGS, '--out', 'p.csv'])).code, 0);
  const batch = await runCli(t, ['batch', 'p.csv', '--dry-run', '--endpoint', url], { cwd: dir, env: cliEnv(dir) });
  t.is(batch.code, 0, batch.stderr);
  t.regex(batch.stderr, /4 to create, 1 to skip \(already signing\), 0 blocked/);
});

test('a registry in another region: exit 2, saying which region to pass', async (t) => {
  const { discover } = await setup(t);
  const run = await discover(['--registry-id', 'tcr-discsh', '--region', 'ap-guangzhou', ...KEY_FLAGS]);
  t.is(run.code, 2);
  t.regex(run.stderr, /error: registry tcr-discsh is in ap-shanghai, not ap-guangzhou\nhint: pass --region ap-shanghai/);
  t.is(run.stdout, '');
});

test('an unusable key is a warning: the rows are still written, and the preflight will block them', async (t) => {
  const { discover } = await setup(t);
  const run = await discover(['--registry-id', 'tcr-disc01', '--region', 'ap-guangzhou', '--kms-id', KEY_DISABLED, '--kms-region', 'ap-guangzhou']);
  t.is(run.code, 0);
  t.regex(run.stderr, /warning: KMS key 33333333-0000-4000-8000-00000000d001 is Disabled; a signing key must be Enabled; batch's preflight will block these rows\./);
  t.is(rowsOf(run.stdout).length, 6);
});

test('bad flags: every problem at once with the flag named, exit 2, no call made', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: SEED });
  const env = cliEnv(dir);
  const missing = await runCli(t, ['discover', '--endpoint', emulator.url, '--region', 'ap-guangzhou'], { cwd: dir, env });
  t.is(missing.code, 2);
  t.regex(missing.stderr, /error: missing --registry-id, --kms-id, --kms-region/);
  const bad = await runCli(t, ['discover', '--endpoint', emulator.url, '--registry-id', 'TCR_1', '--kms-id', 'nope', '--kms-region', 'mars-1', '--name', '{ns}'], { cwd: dir, env });
  t.is(bad.code, 2);
  for (const flag of ['--registry-id', '--region', '--kms-id', '--kms-region', '--name']) t.regex(bad.stderr, new RegExp(`error: ${flag}\\b`), flag);
  t.notRegex(bad.stderr, /at .*\.js:\d+/, 'no stack trace');
  t.deepEqual(emulator.state.actionCounts(), {});
});
