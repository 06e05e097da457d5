// The rate budget as the API sees it, by arrival times at the emulator: per endpoint, and shared by
// processes through Redis. Run on their own after the main suite (see ava.pacing.config.js).
import test from 'ava';
import { join } from 'node:path';
import { cliEnv, maxInWindow, readJsonLines, spawnCli, startKitEmulator, tempDir, writeCsv, type ExportedResult } from './helpers/engine-kit.js';
import { startRedisServer } from './helpers/redis-server.js';
import { arrivals, assertAgrees, batchOverTwoEndpoints, csvOf, seedOf } from './helpers/traffic-kit.js';

test('two regions on two endpoints: each endpoint has a budget of its own, both used at once', async (t) => {
  const { run, gz, sh, emulators, results } = await batchOverTwoEndpoints(t, 60);
  t.is(run.code, 0, run.stderr);
  const both = [...arrivals(gz, 'CreateSignaturePolicy'), ...arrivals(sh, 'CreateSignaturePolicy')];
  t.true(maxInWindow(both) > 20, `busiest second over both endpoints: ${maxInWindow(both)}`);
  for (const emulator of [gz, sh]) t.true(maxInWindow(arrivals(emulator, 'CreateSignaturePolicy')) <= 20, `busiest second at ${emulator.url}`);
  assertAgrees(t, results(), emulators);
});

test('two processes sharing one budget through --redis never exceed 20 starts in any second together', async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.stop());
  const dir = await tempDir(t);
  const seed = seedOf(120);
  const emulator = await startKitEmulator(t, { seed, requestLogSize: 1000 });
  const lines = csvOf(120).trim().split('\n');
  const halves = [lines.slice(1, 61), lines.slice(61)].map((rows) => `${lines[0]}\n${rows.join('\n')}\n`);
  const runs = await Promise.all(halves.map(async (half, i) => spawnCli(t, ['batch', await writeCsv(dir, half, `half-${i}.csv`), '--endpoint', emulator.url, '--yes', '--no-tui', '--out', `out-${i}.jsonl`], {
    cwd: dir, env: cliEnv(dir, { TCR_SIGPOLICY_REDIS_URL: redis.url }),
  }).exit));
  for (const run of runs) t.is(run.code, 0, run.stderr);
  const creates = arrivals(emulator, 'CreateSignaturePolicy');
  t.is(creates.length, 120, 'one request a row: nothing was throttled and retried');
  t.true(maxInWindow(creates) <= 20, `busiest second: ${maxInWindow(creates)}`);
  assertAgrees(t, [0, 1].flatMap((i) => readJsonLines<ExportedResult>(join(dir, `out-${i}.jsonl`))), [[emulator, seed]]);
});
