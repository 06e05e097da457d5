// F3 of issue 20: Redis is a helper, never a hang. Two --redis runs share a budget; their Redis is
// killed (or silenced) mid-run. Each run notices within seconds and stops starting requests (every
// row written, a resume line, exit 1), or ends within seconds of SIGTERM; resumed without Redis, the
// batch agrees with the emulator and rolls back to nothing.
import test, { type ExecutionContext } from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { disagreements } from './helpers/agreement.js';
import {
  cliEnv, journalsIn, keyOf, makeDataset, readJsonLines, runCli, spawnCli, startKitEmulator, tempDir, waitFor, writeCsv,
  type CliRun, type Dataset, type ExportedResult,
} from './helpers/engine-kit.js';
import { startRedisServer, type RedisServer } from './helpers/redis-server.js';

type Emulator = Awaited<ReturnType<typeof startKitEmulator>>;

interface Setup {
  readonly dir: string;
  readonly dataset: Dataset;
  readonly emulator: Emulator;
  readonly redis: RedisServer;
  readonly halves: readonly string[];
  readonly runs: readonly CliRun[];
}

const intents = (journal: string): number => readFileSync(journal, 'utf8').split('\n').filter((l) => l.startsWith('{"kind":"intent"')).length;

/** Two processes, each with half the rows, sharing one budget through Redis, both well under way. */
async function twoRunsSharingRedis(t: ExecutionContext): Promise<Setup> {
  const redis = await startRedisServer();
  t.teardown(() => redis.stop());
  const dir = await tempDir(t);
  const dataset = makeDataset(60);
  const emulator = await startKitEmulator(t, { seed: dataset.seed, latencyMs: 300, faultActions: ['CreateSignaturePolicy'] });
  const [header, ...lines] = dataset.csv.trim().split('\n');
  const halves = await Promise.all([lines.slice(0, 30), lines.slice(30)].map((rows, i) => writeCsv(dir, `${header}\n${rows.join('\n')}\n`, `half-${i}.csv`)));
  const runs = halves.map((csv, i) => spawnCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--rate', '4', '--out', `out-${i}.jsonl`], {
    cwd: dir, env: cliEnv(dir, { TCR_SIGPOLICY_REDIS_URL: redis.url }),
  }));
  await waitFor(() => journalsIn(dir).length === 2 && journalsIn(dir).every((j) => intents(j) >= 3), 'both runs to be sending');
  return { dir, dataset, emulator, redis, halves, runs };
}

/** Every row of each half has its one result in that run's export. */
function everyRowWritten(t: ExecutionContext, s: Setup, prefix: string): ExportedResult[] {
  const all: ExportedResult[] = [];
  for (const i of [0, 1]) {
    const results = readJsonLines<ExportedResult>(join(s.dir, `${prefix}-${i}.jsonl`));
    t.is(results.length, 30, `${prefix}-${i}: every row written`);
    all.push(...results);
  }
  return all;
}

/** Resumes both halves without Redis, compares the last results with the emulator, and rolls them back to nothing. */
async function resumeAgreeRollBack(t: ExecutionContext, s: Setup): Promise<void> {
  await waitFor(() => {
    const counts = s.emulator.state.actionCounts()['CreateSignaturePolicy'];
    return Object.values(counts?.outcomes ?? {}).reduce((a, b) => a + b, 0) === (counts?.requests ?? 0);
  }, 'the requests in flight to settle');
  for (const i of [0, 1]) {
    const resumed = await runCli(t, ['batch', s.halves[i] as string, '--endpoint', s.emulator.url, '--yes', '--no-tui', '--resume', `out-${i}.jsonl`, '--out', `last-${i}.jsonl`], { cwd: s.dir, env: cliEnv(s.dir) });
    t.is(resumed.code, 1, resumed.stderr); // the rows the plan blocks stay invalid
  }
  const last = everyRowWritten(t, s, 'last');
  t.deepEqual(last.filter((r) => r.status === 'created').map(keyOf).sort(), s.dataset.rows.filter((r) => r.kind === 'ok').map(keyOf).sort());
  t.deepEqual(disagreements(s.emulator, s.dataset.seed, last), []);
  const rollback = await runCli(t, ['rollback', 'last-0.jsonl', 'last-1.jsonl', '--endpoint', s.emulator.url, '--yes', '--no-tui', '--out', 'rollback.jsonl'], { cwd: s.dir, env: cliEnv(s.dir) });
  t.is(rollback.code, 0, rollback.stderr);
  t.deepEqual(s.emulator.state.policies().map(keyOf).sort(), (s.dataset.seed.policies ?? []).map(keyOf).sort());
}

test('Redis killed mid-run: both --redis runs notice within seconds and stop, every row written, with a resume line', async (t) => {
  const s = await twoRunsSharingRedis(t);
  s.redis.kill('SIGKILL');
  const killedAt = performance.now();
  const exits = await Promise.all(s.runs.map((r) => r.exit));
  for (const exit of exits) {
    t.is(exit.code, 1, exit.stderr);
    t.true(exit.exitedAt - killedAt < 15_000, `exited ${Math.round(exit.exitedAt - killedAt)} ms after Redis died`);
    t.regex(exit.stderr, /connection to Redis \(--redis\)[^\n]*was lost/);
    t.regex(exit.stderr, /--resume/);
    t.notRegex(exit.stderr, /\n\s+at /, 'no stack trace');
  }
  const results = everyRowWritten(t, s, 'out');
  t.true(results.some((r) => r.status === 'not-sent'), 'rows not yet started are not-sent');
  t.deepEqual(results.filter((r) => r.ErrorCode === 'InternalToolError'), []);
  t.deepEqual(disagreements(s.emulator, s.dataset.seed, results), []);
  await resumeAgreeRollBack(t, s);
});

test('Redis silenced mid-run, then SIGTERM: both --redis runs exit within 15 s with every row written', async (t) => {
  const s = await twoRunsSharingRedis(t);
  s.redis.kill('SIGSTOP'); // connections stay open, nothing answers: commands hang rather than fail
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const r of s.runs) r.child.kill('SIGTERM');
  const signalledAt = performance.now();
  const exits = await Promise.all(s.runs.map((r) => r.exit));
  for (const exit of exits) {
    t.true([1, 130].includes(exit.code ?? -1), `exit ${exit.code}: ${exit.stderr}`);
    t.true(exit.exitedAt - signalledAt < 15_000, `exited ${Math.round(exit.exitedAt - signalledAt)} ms after SIGTERM`);
    t.notRegex(exit.stderr, /\n\s+at /, 'no stack trace');
  }
  const results = everyRowWritten(t, s, 'out');
  t.deepEqual(results.filter((r) => r.ErrorCode === 'InternalToolError'), []);
  t.deepEqual(disagreements(s.emulator, s.dataset.seed, results), []);
  await resumeAgreeRollBack(t, s);
});
