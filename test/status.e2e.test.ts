// `status` run as a user would: the built CLI, the real SDK, the emulator with the bundled seed (seven
// registries in seven regions, one of 120 namespaces, one fully signing, one the credentials may not read).
import test, { type ExecutionContext } from 'ava';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CoverageRecord } from '../src/core/coverage-records.js';
import type { EmulatorHandle } from '../src/emulator/index.js';
import type { EmulatorSeed } from '../src/emulator/seed-format.js';
import { cliEnv, runCli, startKitEmulator, tempDir, type CliExit } from './helpers/engine-kit.js';

type Figures = Omit<CoverageRecord, 'error'>;

/** What the bundled seed holds, counted by hand from fixtures/emulator-seed.json, in region order. */
const EXPECTED: readonly Figures[] = [
  { registryId: 'tcr-stopped01', region: 'ap-beijing', status: 'Isolated', namespaces: 1, signing: 0, notSigning: 1, coverage: 0 },
  { registryId: 'tcr-ab12cd34', region: 'ap-guangzhou', status: 'Running', namespaces: 27, signing: 0, notSigning: 27, coverage: 0 },
  { registryId: 'tcr-hkmany01', region: 'ap-hongkong', status: 'Running', namespaces: 120, signing: 105, notSigning: 15, coverage: 87 },
  { registryId: 'tcr-9x8y7z6w', region: 'ap-shanghai', status: 'Running', namespaces: 21, signing: 1, notSigning: 20, coverage: 4 },
  { registryId: 'tcr-f7g1ir99', region: 'ap-singapore', status: 'Running', namespaces: 17, signing: 0, notSigning: 17, coverage: 0 },
  { registryId: 'tcr-tyo00001', region: 'ap-tokyo', status: 'Running', namespaces: 6, signing: 6, notSigning: 0, coverage: 100 },
  { registryId: 'tcr-fra00001', region: 'eu-frankfurt', status: 'Running', namespaces: null, signing: null, notSigning: null, coverage: null },
];
const DENIED = 'tcr-fra00001';

interface Setup {
  readonly dir: string;
  readonly emulator: EmulatorHandle;
  status(args?: readonly string[], env?: Readonly<Record<string, string>>): Promise<CliExit>;
}

async function setup(t: ExecutionContext, seed?: EmulatorSeed): Promise<Setup> {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, seed ? { seed } : {});
  return { dir, emulator, status: (args = [], env = {}) => runCli(t, ['status', '--endpoint', emulator.url, ...args], { cwd: dir, env: cliEnv(dir, env) }) };
}

const jsonLines = (text: string): Record<string, unknown>[] => text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const withoutRequestId = (records: Record<string, unknown>[]): Record<string, unknown>[] =>
  records.map(({ error, ...rest }) => (error ? { ...rest, code: (error as { code: string }).code } : rest));
const expectedRecords = EXPECTED.map((e) => (e.registryId === DENIED ? { ...e, code: 'UnauthorizedOperation' } : e));

test('the table: every registry of every region with exact figures, totals, the unreadable one named with why; exit 1', async (t) => {
  const { status, emulator } = await setup(t);
  const run = await status();
  t.is(run.code, 1, run.stderr);
  const lines = run.stdout.split('\n');
  t.regex(lines[0] ?? '', /^REGISTRY\s+REGION\s+STATUS\s+NAMESPACES\s+SIGNING\s+UNSIGNED\s+COVERAGE$/);
  const rows = lines.slice(1, 1 + EXPECTED.length).map((l) => l.trim().split(/\s+/));
  t.deepEqual(
    rows,
    EXPECTED.map((e) => [e.registryId, e.region, e.status, ...(e.namespaces === null ? ['?', '?', '?', 'unreadable'] : [e.namespaces, e.signing, e.notSigning, `${e.coverage}%`].map(String))]),
  );
  t.regex(run.stdout, /Total: 7 registries in 7 regions \(1 unreadable, not counted\)\n {2}192 namespaces: 112 signing, 80 not signing \(58%\)\n$/);
  t.regex(run.stderr, /error: 1 registry could not be read; the others are shown:\n {2}tcr-fra00001 \(eu-frankfurt\): UnauthorizedOperation: .+\(RequestId [0-9a-f-]{36}\)\nhint: .*tcr:DescribeNamespaces/);
  t.regex(run.stderr, /Read 7 registries in every region with 17 read calls; nothing was changed\./);
  const actions = Object.keys(emulator.state.actionCounts()).sort();
  t.deepEqual(actions, ['DescribeInstances', 'DescribeNamespaces'], 'reads only');
});

test('--json: one object per registry, each line parses, the same figures; the unreadable one carries its error', async (t) => {
  const { status } = await setup(t);
  const run = await status(['--json']);
  t.is(run.code, 1);
  const records = jsonLines(run.stdout);
  t.deepEqual(withoutRequestId(records), expectedRecords);
  t.like(records.at(-1), { error: { code: 'UnauthorizedOperation' } });
});

test('--out .csv and .json hold the same figures as --json; an existing file needs --force', async (t) => {
  const { dir, status } = await setup(t);
  t.is((await status(['--out', 'coverage.csv'])).code, 1);
  const csv = parse(await readFile(join(dir, 'coverage.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  t.deepEqual(Object.keys(csv[0] ?? {}), ['RegistryId', 'Region', 'Status', 'Namespaces', 'Signing', 'NotSigning', 'Coverage', 'ErrorCode', 'ErrorMessage', 'RequestId']);
  const cell = (v: number | null): string => (v === null ? '' : String(v));
  t.deepEqual(
    csv.map((r) => [r.RegistryId, r.Region, r.Status, r.Namespaces, r.Signing, r.NotSigning, r.Coverage, r.ErrorCode]),
    EXPECTED.map((e) => [e.registryId, e.region, e.status, cell(e.namespaces), cell(e.signing), cell(e.notSigning), cell(e.coverage), e.registryId === DENIED ? 'UnauthorizedOperation' : '']),
  );
  t.is((await status(['--out', 'coverage.json', '--json'])).code, 1);
  t.deepEqual(withoutRequestId(JSON.parse(await readFile(join(dir, 'coverage.json'), 'utf8')) as Record<string, unknown>[]), expectedRecords);
  const again = await status(['--out', 'coverage.csv']);
  t.is(again.code, 2);
  t.regex(again.stderr, /error: --out coverage\.csv already exists\nhint: pass --force/);
  t.is((await status(['--out', 'coverage.csv', '--force'])).code, 1);
});

test('--region and --registry-id narrow the scope; with every registry readable the exit is 0', async (t) => {
  const { status } = await setup(t);
  const hk = await status(['--region', 'ap-hongkong', '--json']);
  t.is(hk.code, 0, hk.stderr);
  t.deepEqual(jsonLines(hk.stdout), EXPECTED.filter((e) => e.region === 'ap-hongkong'));
  const two = await status(['--registry-id', 'tcr-tyo00001,tcr-ab12cd34', '--json']);
  t.is(two.code, 0, two.stderr);
  t.deepEqual(jsonLines(two.stdout).map((r) => r.registryId), ['tcr-ab12cd34', 'tcr-tyo00001']);
  const typo = await status(['--registry-id', 'tcr-tyo00001,tcr-nothere1', '--json']);
  t.is(typo.code, 1, 'an id that is not there is an error, the others still shown');
  t.deepEqual(jsonLines(typo.stdout).map((r) => r.registryId), ['tcr-tyo00001']);
  t.regex(typo.stderr, /^error: registry tcr-nothere1 was not found in any region with these credentials$/m);
  const home = await status(['--json'], { TENCENTCLOUD_REGION: 'ap-tokyo' });
  t.is(jsonLines(home.stdout).length, 7, 'the home region routes the listing; it does not narrow it');
  const none = await status(['--region', 'ap-mumbai']);
  t.is(none.code, 0);
  t.regex(none.stderr, /No registry found in ap-mumbai with these credentials\./);
});

test('on 60 columns the rows become two short lines each, and no line is longer than 60', async (t) => {
  const { status } = await setup(t);
  const run = await status([], { COLUMNS: '60' });
  t.is(run.code, 1);
  for (const line of run.stdout.split('\n')) t.true(line.length <= 60, line);
  t.regex(run.stdout, /^tcr-hkmany01 {2}ap-hongkong {2}Running\n {2}120 namespaces: 105 signing, 15 not signing \(87%\)$/m);
  t.regex(run.stdout, /^tcr-fra00001 {2}eu-frankfurt {2}Running\n {2}could not be read: UnauthorizedOperation$/m);
});

test('a long read says how far it got on stderr; 40 registries of 300 namespaces each, all counted', async (t) => {
  const registries = Array.from({ length: 40 }, (_, i) => ({
    RegistryId: `tcr-load${String(i).padStart(4, '0')}`,
    Region: i % 2 ? 'ap-guangzhou' : 'ap-shanghai',
    Namespaces: Array.from({ length: 300 }, (_, j) => `ns-${String(j).padStart(3, '0')}`),
  }));
  const policies = registries.flatMap((r, i) => r.Namespaces.slice(0, i * 5).map((NamespaceName) => ({ RegistryId: r.RegistryId, NamespaceName, Name: 'p', KmsId: 'k' })));
  const { status } = await setup(t, { registries, policies });
  const run = await status(['--json']);
  t.is(run.code, 0, run.stderr);
  const records = jsonLines(run.stdout);
  t.is(records.length, 40);
  t.deepEqual(records.map((r) => [r.namespaces, r.signing]).sort(), registries.map((_, i) => [300, i * 5]).sort());
  t.regex(run.stderr, /^reading: \d+\/40 registries read$/m);
});

test('bad flags: every problem named, exit 2, nothing read', async (t) => {
  const { status, emulator } = await setup(t);
  const bad = await status(['--region', 'mars-1', '--registry-id', 'TCR_1']);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /error: --region\b/);
  t.regex(bad.stderr, /error: --registry-id\b/);
  const out = await status(['--out', 'coverage.txt']);
  t.is(out.code, 2);
  t.regex(out.stderr, /hint: name the file \.csv or \.json/);
  t.notRegex(bad.stderr + out.stderr, /^ {4}at /m, 'no stack trace');
  t.deepEqual(emulator.state.actionCounts(), {});
});

test('credentials the API refuses: the listing fails, exit 2 with what to check, no table and no secret', async (t) => {
  const { status } = await setup(t);
  const run = await status([], { TENCENTCLOUD_SECRET_KEY: 'not-the-right-key-000000000000000000' });
  t.is(run.code, 2);
  t.is(run.stdout, '');
  t.regex(run.stderr, /^error: DescribeInstances for the registries in every region failed: AuthFailure\.SignatureFailure: .*\nhint: check the credentials/m);
  t.notRegex(run.stderr, /not-the-right-key/);
  t.notRegex(run.stderr, /^ {4}at /m);
});

test('create --disabled says the policy is disabled; status counts it as signing and says it cannot tell disabled ones apart', async (t) => {
  const { dir, emulator, status } = await setup(t);
  const create = await runCli(t, [
    'create', '--registry-id', 'tcr-ab12cd34', '--namespace', 'ledger', '--name', 'ledger-signing', '--kms-id', '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3',
    '--kms-region', 'ap-guangzhou', '--region', 'ap-guangzhou', '--disabled', '--endpoint', emulator.url, '--yes',
  ], { cwd: dir, env: cliEnv(dir) });
  t.is(create.code, 0, create.stderr);
  t.regex(create.stdout, /Created signature policy 'ledger-signing'.*\n.*\nThe policy is disabled \(--disabled\): it signs no image until it is enabled/);
  const after = await status(['--region', 'ap-guangzhou']);
  t.regex(after.stdout, /tcr-ab12cd34 +ap-guangzhou +Running +27 +1 +26/, 'the disabled policy counts as signing: the API lists it with the others');
  t.regex(after.stderr, /Signing counts every namespace with a signature policy, disabled ones too: the API does not say which policies are disabled\./);
});
