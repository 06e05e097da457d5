// The traffic engine end to end: the built CLI, the real SDK, emulators on loopback, a real
// redis-server. Each test ends by comparing what was recorded with what the emulator holds.
import test from 'ava';
import { join } from 'node:path';
import type { EmulatorHandle } from '../src/emulator/index.js';
import type { EmulatorSeed } from '../src/emulator/seed-format.js';
import {
  cliEnv, keyOf, maxInWindow, readJsonLines, runCli, spawnCli, startKitEmulator, tempDir, writeCsv, type ExportedResult,
} from './helpers/engine-kit.js';
import { startRedisServer } from './helpers/redis-server.js';

const REGISTRY = 'tcr-trgz01';
const keyId = (i: number): string => `33333333-0000-4000-8000-${String(i).padStart(12, '0')}`;
const names = (n: number, prefix = 'team'): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

function seedOf(n: number, keys = 1, region = 'ap-guangzhou', registry = REGISTRY): EmulatorSeed {
  return {
    registries: [{ RegistryId: registry, Region: region, Namespaces: names(n) }],
    kmsKeys: Array.from({ length: keys }, (_, i) => ({ KeyId: keyId(i), Region: region, KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' })),
  };
}
function csvOf(n: number, keys = 1, region = 'ap-guangzhou', registry = REGISTRY): string {
  const rows = names(n).map((ns, i) => `${region},${registry},${ns},${ns}-signing,${keyId(i % keys)},${region}`);
  return `Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion\n${rows.join('\n')}\n`;
}

/** Every recorded status agrees with the emulator: created exactly where it holds a policy. */
function assertAgrees(t: { deepEqual: (a: unknown, b: unknown, m?: string) => void }, results: readonly ExportedResult[], emulators: readonly EmulatorHandle[]): void {
  const held = emulators.flatMap((e) => e.state.policies().map(keyOf)).sort();
  t.deepEqual(results.filter((r) => r.status === 'created').map(keyOf).sort(), held, 'created rows are exactly the policies the emulator holds');
  const creates = emulators.flatMap((e) => Object.values(e.state.successfulCreates()));
  t.deepEqual(creates.filter((n) => n > 1), [], 'no namespace created twice');
}

const arrivals = (emulator: EmulatorHandle, action: string): number[] =>
  emulator.state.recentRequests().filter((r) => r.action === action).map((r) => Date.parse(r.receivedAt));

test('a strict server (every action 20/s): 200 rows with 200 keys are planned with a handful of DescribeKeys calls and all sent', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: seedOf(200, 200), rateLimitAll: 20, requestLogSize: 1000 });
  const run = await runCli(t, ['batch', await writeCsv(dir, csvOf(200, 200)), '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'out.jsonl'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 0, run.stderr);
  const results = readJsonLines<ExportedResult>(join(dir, 'out.jsonl'));
  t.is(results.filter((r) => r.status === 'created').length, 200);
  const counts = emulator.state.actionCounts();
  t.log(`DescribeKeys calls: ${counts.DescribeKeys?.requests}, DescribeNamespaces: ${counts.DescribeNamespaces?.requests}, DescribeInstances: ${counts.DescribeInstances?.requests}`);
  t.true((counts.DescribeKeys?.requests ?? 0) <= 3, `${counts.DescribeKeys?.requests} DescribeKeys calls`);
  t.true(maxInWindow(arrivals(emulator, 'CreateSignaturePolicy')) <= 20);
  assertAgrees(t, results, [emulator]);
});

test('a wrong secret key stops the run at the first refusal, reads included: a request or two in all, every row not-sent', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: seedOf(200, 200) });
  const env = cliEnv(dir, { TENCENTCLOUD_SECRET_KEY: 'wrong-secret-key-000000000000000000' });
  const run = await runCli(t, ['batch', await writeCsv(dir, csvOf(200, 200)), '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'out.jsonl'], { cwd: dir, env });
  t.is(run.code, 1, run.stderr);
  const sent = Object.values(emulator.state.actionCounts()).reduce((n, c) => n + c.requests, 0);
  t.true(sent <= 3, `${sent} requests reached the emulator`);
  t.regex(run.stderr, /SignatureFailure/);
  t.regex(run.stderr, /check the credentials/);
  const results = readJsonLines<ExportedResult>(join(dir, 'out.jsonl'));
  t.deepEqual([...new Set(results.map((r) => r.status))], ['not-sent']);
  assertAgrees(t, results, [emulator]);
});

test('a dead endpoint (connection refused) stops after a few refusals: rows not-sent, never "unknown", the hint names --endpoint', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: seedOf(60) });
  const dead = emulator.url;
  await emulator.close();
  const run = await runCli(t, ['batch', await writeCsv(dir, csvOf(60)), '--endpoint', dead, '--yes', '--no-tui', '--no-preflight', '--out', 'out.jsonl'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1, run.stderr);
  const results = readJsonLines<ExportedResult>(join(dir, 'out.jsonl'));
  t.is(results.length, 60);
  t.deepEqual([...new Set(results.map((r) => r.status))], ['not-sent'], 'a refused connection was never delivered');
  t.false(results.some((r) => /unknown/i.test(r.ErrorMessage)));
  t.regex(run.stderr, /--endpoint/);
});

test('a dead endpoint with the plan on: the plan says nothing answers there, and does not advise --no-preflight', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: seedOf(5) });
  const dead = emulator.url;
  await emulator.close();
  const run = await runCli(t, ['batch', await writeCsv(dir, csvOf(5)), '--endpoint', dead, '--yes', '--no-tui'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1, run.stderr);
  t.regex(run.stderr, /nothing answers at the endpoint: check --endpoint/);
  t.notRegex(run.stderr, /--no-preflight/);
});

test('two regions on two endpoints: each region\'s rows go to its own endpoint, each with its own budget', async (t) => {
  const dir = await tempDir(t);
  const gz = await startKitEmulator(t, { seed: seedOf(40, 1, 'ap-guangzhou', 'tcr-trgz01'), requestLogSize: 500 });
  const sh = await startKitEmulator(t, { seed: seedOf(40, 1, 'ap-shanghai', 'tcr-trsh01'), requestLogSize: 500 });
  const csv = csvOf(40, 1, 'ap-guangzhou', 'tcr-trgz01') + csvOf(40, 1, 'ap-shanghai', 'tcr-trsh01').split('\n').slice(1).join('\n');
  const run = await runCli(t, ['batch', await writeCsv(dir, csv), '--endpoint', `ap-guangzhou=${gz.url}`, '--endpoint', `ap-shanghai=${sh.url}`, '--yes', '--no-tui', '--out', 'out.jsonl'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 0, run.stderr);
  t.is(gz.state.policies().length, 40);
  t.is(sh.state.policies().length, 40);
  t.true(gz.state.recentRequests().every((r) => r.region === 'ap-guangzhou'));
  t.true(sh.state.recentRequests().every((r) => r.region === 'ap-shanghai'));
  // Both budgets were used at once: together more than one endpoint's 20 in some second.
  const both = [...arrivals(gz, 'CreateSignaturePolicy'), ...arrivals(sh, 'CreateSignaturePolicy')].sort((a, b) => a - b);
  t.true(maxInWindow(both) > 20, `busiest second over both: ${maxInWindow(both)}`);
  t.true(maxInWindow(arrivals(gz, 'CreateSignaturePolicy')) <= 20 && maxInWindow(arrivals(sh, 'CreateSignaturePolicy')) <= 20);
  assertAgrees(t, readJsonLines<ExportedResult>(join(dir, 'out.jsonl')), [gz, sh]);
});

test('two processes sharing one budget through --redis never exceed 20 starts in any second together', async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.stop());
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: seedOf(120), requestLogSize: 1000 });
  const csv = csvOf(120);
  const lines = csv.trim().split('\n');
  const halves = [lines.slice(1, 61), lines.slice(61)].map((rows) => `${lines[0]}\n${rows.join('\n')}\n`);
  const runs = await Promise.all(halves.map(async (half, i) => spawnCli(t, ['batch', await writeCsv(dir, half, `half-${i}.csv`), '--endpoint', emulator.url, '--yes', '--no-tui', '--out', `out-${i}.jsonl`], {
    cwd: dir, env: cliEnv(dir, { TCR_SIGPOLICY_REDIS_URL: redis.url }),
  }).exit));
  for (const run of runs) t.is(run.code, 0, run.stderr);
  const creates = arrivals(emulator, 'CreateSignaturePolicy');
  t.is(creates.length, 120);
  t.true(maxInWindow(creates) <= 20, `busiest second: ${maxInWindow(creates)}`);
  t.is(emulator.state.actionCounts().CreateSignaturePolicy?.outcomes.RequestLimitExceeded ?? 0, 0);
  assertAgrees(t, [0, 1].flatMap((i) => readJsonLines<ExportedResult>(join(dir, `out-${i}.jsonl`))), [emulator]);
});

test('a Redis that cannot be reached is an input error before anything is sent (exit 2), its password never shown', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: seedOf(5) });
  const run = await runCli(t, ['batch', await writeCsv(dir, csvOf(5)), '--endpoint', emulator.url, '--yes', '--no-tui', '--redis', 'redis://user:hunter2@127.0.0.1:1'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 2, run.stderr);
  t.regex(run.stderr, /cannot reach Redis at redis:\/\/\*\*\*@127\.0\.0\.1:1/);
  t.notRegex(run.stderr + run.stdout, /hunter2/);
  t.deepEqual(emulator.state.actionCounts(), {});
});
