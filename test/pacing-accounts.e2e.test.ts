// A role's budget as the API sees it: two processes assuming the same role through --redis share one
// 20/s lane, keyed by the role and not by the temporary SecretId each process is given.
import test from 'ava';
import { join } from 'node:path';
import { REGISTRY, ROLE_A, ROLE_B, accountsDataset, withoutRoleColumn } from './helpers/accounts-kit.js';
import { cliEnv, maxInWindow, readJsonLines, spawnCli, startKitEmulator, tempDir, writeCsv, type ExportedResult } from './helpers/engine-kit.js';
import { startRedisServer } from './helpers/redis-server.js';
import { arrivals, assertAgrees } from './helpers/traffic-kit.js';

test('two processes with --redis and the same role hold 20/s together for that account', async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.stop());
  const dir = await tempDir(t);
  const data = accountsDataset(120, [ROLE_A]);
  const emulator = await startKitEmulator(t, { seed: data.seed, requestLogSize: 1000 });
  const lines = withoutRoleColumn(data.csv).trim().split('\n');
  const halves = [lines.slice(1, 61), lines.slice(61)].map((rows) => `${lines[0]}\n${rows.join('\n')}\n`);
  const runs = await Promise.all(halves.map(async (half, i) => spawnCli(t, ['batch', await writeCsv(dir, half, `half-${i}.csv`), '--endpoint', emulator.url, '--role-arn', ROLE_A, '--yes', '--no-tui', '--out', `out-${i}.jsonl`], {
    cwd: dir, env: cliEnv(dir, { TCR_SIGPOLICY_REDIS_URL: redis.url }),
  }).exit));
  for (const run of runs) t.is(run.code, 0, run.stderr);
  t.deepEqual(emulator.state.assumedRoles(), { [ROLE_A]: 2 }, 'each process assumed the role once');
  const creates = arrivals(emulator, 'CreateSignaturePolicy');
  t.is(creates.length, 120, 'one request a row: the role\'s window never throttled');
  t.true(maxInWindow(creates) <= 20, `busiest second: ${maxInWindow(creates)}`);
  assertAgrees(t, [0, 1].flatMap((i) => readJsonLines<ExportedResult>(join(dir, `out-${i}.jsonl`))), [[emulator, data.seed]]);
});

test('three accounts in one file, grouped by account: each holds its own 20/s, all three at once', async (t) => {
  const dir = await tempDir(t);
  const data = accountsDataset(60, ['', ROLE_A, ROLE_B]);
  const emulator = await startKitEmulator(t, { seed: data.seed, requestLogSize: 1000 });
  const run = await spawnCli(t, ['batch', await writeCsv(dir, data.csv), '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'out.jsonl'], { cwd: dir, env: cliEnv(dir) }).exit;
  t.is(run.code, 0, run.stderr);
  const creates = emulator.state.recentRequests().filter((r) => r.action === 'CreateSignaturePolicy' && r.outcome === 'ok');
  t.is(creates.length, 180);
  const times = (registry: string) => creates.filter((r) => r.body.includes(`"${registry}"`)).map((r) => Date.parse(r.receivedAt));
  for (const registry of Object.values(REGISTRY).slice(0, 3)) t.true(maxInWindow(times(registry)) <= 20, `busiest second of ${registry}: ${maxInWindow(times(registry))}`);
  t.true(maxInWindow(creates.map((r) => Date.parse(r.receivedAt))) > 20, 'the accounts were not used at once');
  assertAgrees(t, readJsonLines<ExportedResult>(join(dir, 'out.jsonl')), [[emulator, data.seed]]);
});
