// `discover` run as a user would: the built CLI against the emulator, its CSV read back and fed to batch.
import test, { type ExecutionContext } from 'ava';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { EmulatorSeed } from '../src/emulator/seed-format.js';
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

test('--json: one object per row on stdout, the CSV\'s columns as keys, the same rows as the CSV; with --out it is refused', async (t) => {
  const { discover } = await setup(t);
  const args = ['--registry-id', 'tcr-disc01', '--region', 'ap-guangzhou', '--unsigned-only', ...KEY_FLAGS];
  const [csv, json] = [await discover(args), await discover([...args, '--json'])];
  t.is(json.code, 0, json.stderr);
  const objects = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>);
  t.deepEqual(objects.map((o) => Object.keys(o)), objects.map(() => HEADER));
  t.deepEqual(objects.map((o) => HEADER.map((c) => o[c])), rowsOf(csv.stdout).slice(1));
  t.is(objects.length, 4, 'library already signs');
  t.regex(json.stderr, /^Wrote 4 rows to standard output/m, 'the summary stays on stderr');
  const both = await discover([...args, '--json', '--out', 'x.csv']);
  t.is(both.code, 2);
  t.regex(both.stderr, /^error: --json prints the rows on standard output; --out writes them as CSV: give one of them/m);
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
  t.true(run.stderr.includes(`Review it, then: tcr-sigpolicy batch out.csv --dry-run --endpoint ${url}\n`), run.stderr);
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

// --all-registries against the bundled seed: seven registries in seven regions, one Isolated, one the
// credentials may not read, one of 120 namespaces of which 105 sign, one whose six namespaces all sign.
const GZ_KEY = '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3';
const ALL = ['--all-registries', '--kms-id', GZ_KEY, '--kms-region', 'ap-guangzhou'];

async function bundled(t: ExecutionContext): Promise<Setup> {
  const dir = await tempDir(t);
  const { url } = await startKitEmulator(t);
  return { dir, url, discover: (args, env = {}) => runCli(t, ['discover', '--endpoint', url, ...args], { cwd: dir, env: cliEnv(dir, env) }) };
}

const perRegistry = (rows: string[][]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[`${r[0]}/${r[1]}`] = (counts[`${r[0]}/${r[1]}`] ?? 0) + 1;
  return counts;
};

test('--all-registries --unsigned-only: every unsigned namespace of every readable Running registry, then batch --dry-run plans them all', async (t) => {
  const { dir, url, discover } = await bundled(t);
  const run = await discover([...ALL, '--unsigned-only', '--out', 'unsigned.csv']);
  t.is(run.code, 1, 'one registry could not be read');
  const rows = rowsOf(await readFile(join(dir, 'unsigned.csv'), 'utf8')).slice(1);
  t.deepEqual(perRegistry(rows), { 'ap-guangzhou/tcr-ab12cd34': 27, 'ap-hongkong/tcr-hkmany01': 15, 'ap-shanghai/tcr-9x8y7z6w': 20, 'ap-singapore/tcr-f7g1ir99': 17 });
  t.deepEqual(rows.filter((r) => r[1] === 'tcr-hkmany01').map((r) => r[2]), Array.from({ length: 15 }, (_, i) => `svc-${105 + i}`));
  t.false(rows.some((r) => r[1] === 'tcr-9x8y7z6w' && r[2] === 'catalog'), 'the namespace that signs is left out');
  t.regex(run.stderr, /warning: left out tcr-stopped01 \(ap-beijing\): it is Isolated/);
  t.regex(run.stderr, /error: 1 registry could not be read; the rows of the others are written:\n {2}tcr-fra00001 \(eu-frankfurt\): UnauthorizedOperation/);
  t.regex(run.stderr, /Wrote 79 rows to unsigned\.csv from 191 namespaces of 5 registries \(left out: 112 already signing\)\./);

  const batch = await runCli(t, ['batch', 'unsigned.csv', '--dry-run', '--endpoint', url], { cwd: dir, env: cliEnv(dir) });
  t.is(batch.code, 0, batch.stderr);
  t.regex(batch.stderr, /79 to create, 0 to skip \(already signing\), 0 blocked/);
  t.regex(batch.stderr, /Dry run: 79 requests for .* \(4 regions, 4 registries\)/);
});

test('--all-registries: the key is read alongside the namespaces, not after them, and an unusable one still warns', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t);
  const missing = '00000000-0000-4000-8000-0000000000ff';
  const run = await runCli(t, ['discover', '--endpoint', emulator.url, '--all-registries', '--kms-id', missing, '--kms-region', 'ap-guangzhou'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1, 'one registry could not be read');
  t.regex(run.stderr, new RegExp(`warning: KMS key ${missing} .*batch's preflight will block these rows\\.`));
  t.true(rowsOf(run.stdout).length > 1, 'the rows are still written');
  const actions = emulator.state.recentRequests().map((r) => r.action);
  t.true(actions.indexOf('DescribeKeys') < actions.lastIndexOf('DescribeNamespaces'), actions.join(' '));
});

test('--all-registries with --region, --match and --exclude: only those namespaces of that region', async (t) => {
  const { discover } = await bundled(t);
  const run = await discover([...ALL, '--region', 'ap-hongkong', '--match', 'svc-1*', '--exclude', 'svc-11*']);
  t.is(run.code, 0, run.stderr);
  const rows = rowsOf(run.stdout).slice(1);
  t.deepEqual(rows.map((r) => r[2]), Array.from({ length: 10 }, (_, i) => `svc-${100 + i}`));
  t.true(rows.every((r) => r[0] === 'ap-hongkong' && r[5] === 'ap-guangzhou'));
  t.regex(run.stderr, /Wrote 10 rows to standard output from 120 namespaces of 1 registry \(left out: 100 not matching --match, 10 matching --exclude\)\./);
});

test('--all-registries --registry-id keeps only the named registries, and needs --kms-region', async (t) => {
  const { discover } = await bundled(t);
  const run = await discover([...ALL, '--registry-id', 'tcr-tyo00001,tcr-ab12cd34', '--name', '{region}.{namespace}']);
  t.is(run.code, 0, run.stderr);
  const rows = rowsOf(run.stdout).slice(1);
  t.deepEqual(perRegistry(rows), { 'ap-guangzhou/tcr-ab12cd34': 27, 'ap-tokyo/tcr-tyo00001': 6 });
  t.true(rows.some((r) => r[3] === 'ap-tokyo.storefront'));
  const noRegion = await discover(['--all-registries', '--kms-id', GZ_KEY]);
  t.is(noRegion.code, 2);
  t.regex(noRegion.stderr, /error: missing --kms-region \(with --all-registries, --kms-region names where the one key lives\)/);
});
