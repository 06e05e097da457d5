// The built CLI plans a CSV against the emulator: every kind of row the API would refuse is found by
// read-only calls first, and only the `create` rows are ever sent.
import test from 'ava';
import { join } from 'node:path';
import type { EmulatorSeed } from '../src/emulator/seed-format.js';
import { cliEnv, journalResults, latestJournal, readJsonLines, runCli, startKitEmulator, tempDir, writeCsv, type ExportedResult } from './helpers/engine-kit.js';

const KEY_GZ = '22222222-0000-4000-8000-00000000a001';
const KEY_SH = '22222222-0000-4000-8000-00000000a002';
const KEY_DISABLED = '22222222-0000-4000-8000-00000000d001';
const KEY_ENCRYPT = '22222222-0000-4000-8000-00000000e001';

const SEED: EmulatorSeed = {
  registries: [
    { RegistryId: 'tcr-pfgz01', Region: 'ap-guangzhou', Namespaces: ['apps', 'signed', 'keys1', 'keys2', 'keys3', 'other'] },
    { RegistryId: 'tcr-pfsh01', Region: 'ap-shanghai', Namespaces: ['apps', 'web'] },
    { RegistryId: 'tcr-pfbj01', Region: 'ap-beijing', Status: 'Isolated', Namespaces: ['legacy'] },
  ],
  kmsKeys: [
    { KeyId: KEY_GZ, Region: 'ap-guangzhou', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' },
    { KeyId: KEY_SH, Region: 'ap-shanghai', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' },
    { KeyId: KEY_DISABLED, Region: 'ap-guangzhou', KeyState: 'Disabled', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' },
    { KeyId: KEY_ENCRYPT, Region: 'ap-guangzhou', KeyUsage: 'ENCRYPT_DECRYPT' },
  ],
  policies: [{ RegistryId: 'tcr-pfgz01', NamespaceName: 'signed', Name: 'older', KmsId: KEY_GZ, KmsRegion: 'ap-guangzhou' }],
};

/** Each row, the verdict the plan must give it, and (for blocked rows) the code. */
const ROWS: readonly { cells: string; status: string; code?: string }[] = [
  { cells: `ap-guangzhou,tcr-pfgz01,apps,apps-signing,${KEY_GZ},ap-guangzhou`, status: 'created' },
  { cells: `ap-guangzhou,tcr-pfgz01,ghost,ghost-signing,${KEY_GZ},ap-guangzhou`, status: 'invalid', code: 'Blocked.NamespaceNotFound' },
  { cells: `ap-guangzhou,tcr-pfgz01,signed,signed-signing,${KEY_GZ},ap-guangzhou`, status: 'skipped' },
  { cells: `ap-guangzhou,tcr-pfgz01,keys1,keys1-signing,${KEY_DISABLED},ap-guangzhou`, status: 'invalid', code: 'Blocked.KeyNotEnabled' },
  { cells: `ap-guangzhou,tcr-pfgz01,keys2,keys2-signing,${KEY_ENCRYPT},ap-guangzhou`, status: 'invalid', code: 'Blocked.KeyUsage' },
  // The Shanghai key, said to be in Guangzhou: DescribeKeys in ap-guangzhou does not find it.
  { cells: `ap-guangzhou,tcr-pfgz01,keys3,keys3-signing,${KEY_SH},ap-guangzhou`, status: 'invalid', code: 'Blocked.KeyNotFound' },
  { cells: `ap-shanghai,tcr-pfsh01,web,web-signing,${KEY_SH},`, status: 'created' },
  { cells: `ap-guangzhou,tcr-pfsh01,apps,apps-signing,${KEY_GZ},ap-guangzhou`, status: 'invalid', code: 'Blocked.RegistryInOtherRegion' },
  { cells: `ap-beijing,tcr-pfbj01,legacy,legacy-signing,${KEY_GZ},ap-guangzhou`, status: 'invalid', code: 'Blocked.RegistryNotRunning' },
  { cells: `ap-guangzhou,tcr-nowhere1,apps,apps-signing,${KEY_GZ},ap-guangzhou`, status: 'invalid', code: 'Blocked.RegistryNotFound' },
];
const CSV = `Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion\n${ROWS.map((r) => r.cells).join('\n')}\n`;
const READ_ACTIONS = ['DescribeInstances', 'DescribeNamespaces', 'DescribeKeys'];

interface JsonEvent {
  readonly type: string;
  readonly counts?: Record<string, number>;
  readonly blocked?: { line: number; code: string; reason: string }[];
  readonly readCalls?: Record<string, number>;
  readonly result?: ExportedResult;
}
const events = (stdout: string): JsonEvent[] => stdout.trim().split('\n').map((l) => JSON.parse(l) as JsonEvent);
const requestsOf = (counts: Record<string, { requests: number }>, action: string): number => counts[action]?.requests ?? 0;

test('a dry run with credentials plans every row; --json has the plan first; nothing is written', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: SEED });
  const run = await runCli(t, ['batch', await writeCsv(dir, CSV), '--endpoint', emulator.url, '--dry-run', '--json'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1, 'blocked rows are invalid, so the exit code says not everything would be done');
  const all = events(run.stdout);
  t.deepEqual(all.slice(0, 2).map((e) => e.type), ['plan', 'start']);
  const plan = all[0] as JsonEvent;
  t.deepEqual(plan.counts, { create: 2, skip: 1, blocked: 7 });
  t.deepEqual(
    plan.blocked?.map((b) => [b.line, b.code]),
    ROWS.flatMap((r, i) => (r.code ? [[i + 2, r.code]] : [])),
  );
  const done = all.filter((e) => e.type === 'row-done').map((e) => e.result as ExportedResult);
  for (const [i, row] of ROWS.entries()) {
    const result = done.find((r) => r.line === i + 2);
    t.is(result?.status, row.status === 'created' ? 'dry-run' : row.status, `line ${i + 2}`);
    t.is(result?.ErrorCode, row.code ?? '', `line ${i + 2}`);
  }
  const counts = emulator.state.actionCounts();
  t.is(requestsOf(counts, 'CreateSignaturePolicy'), 0);
  t.is(READ_ACTIONS.reduce((n, a) => n + requestsOf(counts, a), 0), Object.values(plan.readCalls ?? {}).reduce((a, b) => a + b, 0));
});

test('a live run sends only the create rows; blocked rows are invalid with their reason, the signing one skipped', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: SEED });
  const run = await runCli(t, ['batch', await writeCsv(dir, CSV), '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.jsonl'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1);
  t.regex(run.stderr, /Plan \(\d+ read calls\): 2 to create, 1 to skip \(already signing\), 7 blocked\./);
  t.regex(run.stderr, /line {2}5 {2}ap-guangzhou tcr-pfgz01\/keys1 +Blocked\.KeyNotEnabled: KMS key 22222222-0000-4000-8000-00000000d001 is Disabled/);
  t.deepEqual(emulator.state.actionCounts()['CreateSignaturePolicy'], { requests: 2, outcomes: { ok: 2 } });
  t.deepEqual(Object.keys(emulator.state.successfulCreates()).sort(), ['tcr-pfgz01/apps', 'tcr-pfsh01/web']);
  const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  t.deepEqual(results.map((r) => [r.line, r.status, r.ErrorCode]), ROWS.map((r, i) => [i + 2, r.status, r.code ?? '']));
  const blocked = results.filter((r) => r.status === 'invalid');
  t.true(blocked.every((r) => r.attempts === 0 && r.RequestId === '' && r.ErrorMessage.length > 0));
  t.regex(results[2]?.ErrorMessage ?? '', /already has a signature policy/);
  const journal = journalResults(latestJournal(dir));
  t.is(journal.length, ROWS.length, 'the journal records the planned rows too, so --resume skips the skipped one');
});

test('--no-preflight sends every valid row and makes no read call', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: SEED });
  const run = await runCli(t, ['batch', await writeCsv(dir, CSV), '--endpoint', emulator.url, '--yes', '--no-tui', '--no-preflight'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1);
  const counts = emulator.state.actionCounts();
  t.is(requestsOf(counts, 'CreateSignaturePolicy'), ROWS.length);
  t.deepEqual(READ_ACTIONS.map((a) => requestsOf(counts, a)), [0, 0, 0]);
  t.notRegex(run.stderr, /Plan \(/);
});

test('a dry run without credentials says in one line that it did not plan, and calls nothing', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: SEED });
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, NO_COLOR: '1' };
  const run = await runCli(t, ['batch', await writeCsv(dir, CSV), '--endpoint', emulator.url, '--dry-run'], { cwd: dir, env });
  t.is(run.code, 0);
  t.is(run.stderr.split('\n').filter((l) => /preflight/i.test(l)).length, 1);
  t.regex(run.stderr, /No credentials, so no preflight/);
  t.regex(run.stderr, /10 dry-run\. Nothing was sent\./);
  t.deepEqual(emulator.state.actionCounts(), {});
});

test('a refused read stops a live run before anything is sent: every row not-sent, results written, exit 1', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: SEED });
  const env = cliEnv(dir, { TENCENTCLOUD_SECRET_ID: 'AKIDnotknownToTheEmulator000000000000' });
  const run = await runCli(t, ['batch', await writeCsv(dir, CSV), '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.jsonl'], { cwd: dir, env });
  t.is(run.code, 1, run.stderr);
  t.regex(run.stderr, /Preflight failed, so nothing is sent: Describe\w+ for .* failed: AuthFailure\.SecretIdNotFound/);
  t.regex(run.stderr, /hint: the SecretId is unknown: check TENCENTCLOUD_SECRET_ID/, 'the hint for this very code');
  t.regex(run.stdout, /^not-sent 10 rows \(lines [0-9, -]+\): the preflight failed, see above$/m, 'one line for the rows, the cause said once');
  const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  t.deepEqual([...new Set(results.map((r) => `${r.status} ${r.ErrorCode}`))], ['not-sent AuthFailure.SecretIdNotFound']);
  t.is(results.length, ROWS.length);
  t.is(requestsOf(emulator.state.actionCounts(), 'CreateSignaturePolicy'), 0);
});

test('a dry run whose account check fails exits 1 with the reason; --no-preflight asks for the offline check only', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: SEED });
  const env = cliEnv(dir, { TENCENTCLOUD_SECRET_ID: 'AKIDnotknownToTheEmulator000000000000' });
  const csv = await writeCsv(dir, CSV);
  const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--dry-run'], { cwd: dir, env });
  t.is(run.code, 1, run.stderr);
  t.regex(run.stderr, /Preflight failed, so nothing is sent: Describe\w+ for .* failed: AuthFailure\.SecretIdNotFound/);
  t.regex(run.stderr, /hint: the SecretId is unknown: check TENCENTCLOUD_SECRET_ID/);
  t.regex(run.stderr, /10 not-sent\. Nothing was sent\./);
  const offline = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--dry-run', '--no-preflight'], { cwd: dir, env });
  t.is(offline.code, 0, offline.stderr);
  t.regex(offline.stderr, /10 dry-run\. Nothing was sent\./);
  t.is(requestsOf(emulator.state.actionCounts(), 'CreateSignaturePolicy'), 0);
});

test('1,000 rows over 5 registries and 3 keys: the emulator sees 26 read calls', async (t) => {
  const regions = ['ap-guangzhou', 'ap-shanghai', 'ap-guangzhou', 'ap-singapore', 'ap-shanghai'];
  const keys: Record<string, string> = { 'ap-guangzhou': KEY_GZ, 'ap-shanghai': KEY_SH, 'ap-singapore': '22222222-0000-4000-8000-00000000a003' };
  const registries = regions.map((Region, r) => ({ RegistryId: `tcr-load0${r}`, Region, Namespaces: [] as string[] }));
  const lines: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const registry = registries[i % 5] as (typeof registries)[number];
    registry.Namespaces.push(`ns-${i}`);
    lines.push(`${registry.Region},${registry.RegistryId},ns-${i},ns-${i}-signing,${keys[registry.Region]},${registry.Region}`);
  }
  for (const registry of registries) registry.Namespaces.push('sandbox');
  const seed: EmulatorSeed = {
    registries,
    kmsKeys: Object.entries(keys).map(([Region, KeyId]) => ({ KeyId, Region, KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' })),
    policies: registries.map((r) => ({ RegistryId: r.RegistryId, NamespaceName: r.Namespaces[0] as string, Name: 'old', KmsId: keys[r.Region] as string, KmsRegion: r.Region })),
  };
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed });
  const csv = await writeCsv(dir, `Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion\n${lines.join('\n')}\n`);
  const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--dry-run', '--json'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 0, run.stderr);
  const counts = emulator.state.actionCounts();
  // Per region one DescribeInstances (3); per registry 201 names in 3 pages of 100 plus 1 page of
  // those that sign (5 × 4); per key one DescribeKeys (3).
  t.deepEqual(READ_ACTIONS.map((a) => requestsOf(counts, a)), [3, 20, 3]);
  t.deepEqual((events(run.stdout)[0] as JsonEvent).counts, { create: 995, skip: 5, blocked: 0 });
  t.log(`read calls for 1,000 rows: ${READ_ACTIONS.map((a) => `${a} ${requestsOf(counts, a)}`).join(', ')}`);
});
