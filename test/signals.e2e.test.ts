// Every stop signal at every step of a live run of the built CLI, as real processes and real signals:
// the results of every row are written (all not-sent before sending), the --out lock is removed, the
// resume line is printed, exit 130. What was recorded is then compared with what the emulator holds.
import test from 'ava';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { disagreements } from './helpers/agreement.js';
import { startTmux } from './helpers/tmux.js';
import {
  CLI_PATH, cliEnv, journalResults, latestJournal, makeDataset, readJsonLines, spawnCli, startKitEmulator, tempDir, waitFor, writeCsv,
  type ExportedResult,
} from './helpers/engine-kit.js';

const READS = ['DescribeInstances', 'DescribeNamespaces', 'DescribeKeys'];
const resumeLine = (stderr: string): string | undefined => /^Resume: +tcr-sigpolicy (.*)$/m.exec(stderr)?.[1];

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  test(`${signal} during the plan: every row not-sent in the results and the journal, the lock gone, the resume line, exit 130`, async (t) => {
    const dataset = makeDataset(24);
    const dir = await tempDir(t);
    const csv = await writeCsv(dir, dataset.csv);
    // The plan's reads hang: the signal arrives while they are in flight.
    const emulator = await startKitEmulator(t, { seed: dataset.seed, latencyMs: 60_000, faultActions: READS });
    const cli = spawnCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.jsonl'], { cwd: dir, env: cliEnv(dir) });
    await waitFor(() => existsSync(join(dir, 'results.jsonl.lock')), 'the --out lock');
    const signalledAt = performance.now();
    cli.child.kill(signal);
    const run = await cli.exit;

    t.is(run.code, 130, run.stderr);
    t.true(run.exitedAt - signalledAt < 5000, `exit ${Math.round(run.exitedAt - signalledAt)} ms after ${signal}: the hanging reads are cut short`);
    t.regex(run.stderr, /Interrupted before sending: nothing was sent\./);
    const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
    t.deepEqual(results.map((r) => r.line), dataset.rows.map((r) => r.line), 'one result per row');
    t.true(results.every((r) => r.status === 'not-sent' && r.ErrorCode === ''), results.map((r) => `${r.status} ${r.ErrorCode}`).join(', '));
    t.false(existsSync(join(dir, 'results.jsonl.lock')), 'the lock is removed');
    const journal = latestJournal(dir);
    t.deepEqual(journalResults(journal).map((r) => r.status), results.map(() => 'not-sent'), 'the journal holds every row');
    t.is(resumeLine(run.stderr), `batch ${csv} --endpoint ${emulator.url} --yes --no-tui --out results.jsonl --resume ${journal?.replace(`${dir}/`, '')} --force`);
    t.deepEqual(emulator.state.actionCounts()['CreateSignaturePolicy'], undefined, 'nothing was sent');
    t.deepEqual(disagreements(emulator, dataset.seed, results), []);
  });
}

test('SIGHUP while sending (a closed terminal): every row recorded, the lock gone, exit 130; the printed resume line finishes the batch', async (t) => {
  const dataset = makeDataset(120);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed, latencyMs: 100 });
  const cli = spawnCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--rate', '10', '--out', 'results.jsonl'], { cwd: dir, env: cliEnv(dir) });
  await waitFor(() => journalResults(latestJournal(dir)).filter((r) => r.status === 'created').length >= 10, '10 rows created');
  cli.child.kill('SIGHUP');
  const run = await cli.exit;

  t.is(run.code, 130, run.stderr);
  t.is(run.signal, null, 'exited by itself, not killed by the hangup');
  const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  t.deepEqual(results.map((r) => r.line), dataset.rows.map((r) => r.line), 'one result per row');
  t.true(results.some((r) => r.status === 'not-sent') && results.some((r) => r.status === 'created'));
  t.false(existsSync(join(dir, 'results.jsonl.lock')));
  t.deepEqual(disagreements(emulator, dataset.seed, results), []);

  const line = resumeLine(run.stderr);
  t.truthy(line, run.stderr);
  // Pasted into a shell as printed.
  const resumed = spawn('sh', ['-c', `"${process.execPath}" "${CLI_PATH}" ${line ?? ''}`], { cwd: dir, env: cliEnv(dir), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  resumed.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const [code] = (await once(resumed, 'close')) as [number | null];
  t.is(code, 1, stderr); // the dataset's blocked rows stay invalid
  const final = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  t.false(final.some((r) => r.status === 'not-sent'), 'the resumed run sent the rest');
  t.deepEqual(disagreements(emulator, dataset.seed, final), []);
  t.is(readdirSync(dir).filter((f) => f.endsWith('.lock')).length, 0);
});

test('a closed terminal while the dashboard sends: every row recorded, the lock removed, what was sent agrees with the emulator', async (t) => {
  const dataset = makeDataset(80);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed, latencyMs: 100 });
  const env = cliEnv(dir) as Record<string, string>;
  const term = await startTmux(t, { args: ['batch', csv, '--endpoint', emulator.url, '--yes', '--rate', '5', '--out', 'results.jsonl'], env, cwd: dir });
  await waitFor(() => journalResults(latestJournal(dir)).filter((r) => r.status === 'created').length >= 5, '5 rows created');
  await term.close();
  // The terminal is gone: what the user finds afterwards is the files.
  await waitFor(() => existsSync(join(dir, 'results.jsonl')) && !existsSync(join(dir, 'results.jsonl.lock')), 'the results written and the lock removed');
  const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  t.deepEqual(results.map((r) => r.line), dataset.rows.map((r) => r.line), 'one result per row');
  t.true(results.some((r) => r.status === 'not-sent'), 'stopped before the end');
  t.deepEqual(disagreements(emulator, dataset.seed, results), []);
});
