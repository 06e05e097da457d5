// Ctrl-C in the middle of a live run of the built CLI against the emulator, then --resume.
import test from 'ava';
import { join } from 'node:path';
import {
  cliEnv,
  duplicates,
  journalResults,
  keyOf,
  latestJournal,
  makeDataset,
  newPolicies,
  readJsonLines,
  runCli,
  seedWithPoliciesOf,
  spawnCli,
  startKitEmulator,
  statusCounts,
  tempDir,
  waitFor,
  writeCsv,
  type DatasetRow,
  type ExportedResult,
} from './helpers/engine-kit.js';
import { arrivals, assertAgrees, twoEndpoints } from './helpers/traffic-kit.js';

const ROWS = 150;

/** Polls `condition`, failing at once (with its stderr) if the CLI ends first. */
function whileRunning(cli: ReturnType<typeof spawnCli>, condition: () => boolean, what: string): Promise<boolean> {
  return waitFor(() => {
    if (cli.child.exitCode !== null) throw new Error(`the CLI exited (${cli.child.exitCode}) before ${what}: ${cli.stderr()}`);
    return condition();
  }, what);
}

const keysWith = (results: readonly ExportedResult[], status: string): string[] =>
  results.filter((r) => r.status === status).map(keyOf).sort();

/** Every input line has exactly one result. */
function assertOneResultPerRow(t: import('ava').ExecutionContext, rows: readonly DatasetRow[], results: readonly ExportedResult[], what: string): void {
  t.deepEqual(duplicates(results.map((r) => r.line)), [], what);
  t.deepEqual(results.map((r) => r.line).sort((a, b) => a - b), rows.map((r) => r.line), what);
}

test('a first Ctrl-C drains, records every row, and --resume (results or journal) sends only the rest', async (t) => {
  const dataset = makeDataset(ROWS);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed, latencyMs: 100 });
  // --no-preflight: these tests are about the queue's stop and resume, not the plan's verdicts.
  const args = ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--no-preflight'];
  const cli = spawnCli(t, [...args, '--out', 'results.jsonl', '--rate', '10'], { cwd: dir, env: cliEnv(dir) });
  await whileRunning(cli, () => journalResults(latestJournal(dir)).length >= 20, '20 rows in the journal');
  const signalledAt = performance.now();
  cli.child.kill('SIGINT');
  const first = await cli.exit;

  t.is(first.code, 130, first.stderr);
  t.true(first.exitedAt - signalledAt < 5000, `exit ${Math.round(first.exitedAt - signalledAt)} ms after Ctrl-C`);
  const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  assertOneResultPerRow(t, dataset.rows, results, 'interrupted run');
  const journal = latestJournal(dir) as string;
  t.is(journalResults(journal).length, ROWS);
  const counts = statusCounts(results);
  t.true((counts['not-sent'] ?? 0) > 0 && (counts['created'] ?? 0) >= 10, JSON.stringify(counts));
  const createdFirst = keysWith(results, 'created');
  t.deepEqual(newPolicies(emulator, dataset.seed).map(keyOf).sort(), createdFirst);

  // The same state in a second emulator, to resume once from the export and once from the journal.
  const twin = await startKitEmulator(t, { seed: seedWithPoliciesOf(dataset.seed, emulator) });
  const [fromResults, fromJournal] = await Promise.all([
    runCli(t, [...args, '--resume', 'results.jsonl', '--out', 'resumed.jsonl'], { cwd: dir, env: cliEnv(dir) }),
    runCli(t, ['batch', csv, '--endpoint', twin.url, '--yes', '--no-tui', '--no-preflight', '--resume', journal, '--out', 'resumed-j.jsonl'], { cwd: dir, env: cliEnv(dir) }),
  ]);
  const wantCreated = dataset.rows.filter((r) => r.kind === 'ok').map(keyOf).sort();
  for (const [what, run, out, target] of [
    ['--resume results.jsonl', fromResults, 'resumed.jsonl', emulator],
    ['--resume <journal>', fromJournal, 'resumed-j.jsonl', twin],
  ] as const) {
    t.is(run.code, 1, `${what}: ${run.stderr}`); // the rows with business errors fail again
    const resumed = readJsonLines<ExportedResult>(join(dir, out));
    assertOneResultPerRow(t, dataset.rows, resumed, what);
    // The resumed results describe the whole batch: rows the first run created stay created, with its RequestIds.
    t.deepEqual(keysWith(resumed, 'skipped'), [], what);
    t.deepEqual(keysWith(resumed, 'created'), wantCreated, what);
    const firstIds = new Map<number, string>(results.map((r) => [r.line, r.RequestId]));
    for (const r of resumed.filter((x) => createdFirst.includes(keyOf(x)))) t.is(r.RequestId, firstIds.get(r.line) ?? '?', `${what} line ${r.line}`);
    t.deepEqual(Object.entries(target.state.successfulCreates()).filter(([, n]) => n !== 1), [], what);
    t.deepEqual(newPolicies(target, dataset.seed).map(keyOf).sort(), wantCreated, what);
  }
});

test('a first Ctrl-C at --rate 1 exits within 2 s of the requests in flight finishing', async (t) => {
  const dataset = makeDataset(30);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed, latencyMs: 100 });
  const cli = spawnCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--no-preflight', '--out', 'results.jsonl', '--rate', '1'], { cwd: dir, env: cliEnv(dir) });
  await whileRunning(cli, () => journalResults(latestJournal(dir)).length >= 2, '2 rows in the journal');
  const signalledAt = performance.now();
  cli.child.kill('SIGINT');
  const run = await cli.exit;
  t.is(run.code, 130, run.stderr);
  // At most one request (100 ms) is in flight at 1/s; rows still queued must not be waited for.
  t.true(run.exitedAt - signalledAt < 2500, `exit ${Math.round(run.exitedAt - signalledAt)} ms after Ctrl-C`);
  const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  assertOneResultPerRow(t, dataset.rows, results, 'interrupted run');
  t.deepEqual(newPolicies(emulator, dataset.seed).map(keyOf).sort(), keysWith(results, 'created'));
});

test('a second Ctrl-C aborts at once, cutting requests in flight, and still records every row', async (t) => {
  const dataset = makeDataset(ROWS);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  // Requests take 8 s: a graceful drain would wait for them; an abort must not.
  const emulator = await startKitEmulator(t, { seed: dataset.seed, latencyMs: 8000 });
  const cli = spawnCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--json', '--no-preflight', '--out', 'results.jsonl', '--rate', '10'], { cwd: dir, env: cliEnv(dir) });
  const events = (): { type: string; line?: number }[] =>
    cli.stdout().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { type: string; line?: number });
  await whileRunning(cli, () => events().filter((e) => e.type === 'row-start').length >= 5, '5 requests in flight');
  cli.child.kill('SIGINT');
  await whileRunning(cli, () => events().some((e) => e.type === 'stopping'), 'the stopping event');
  const secondAt = performance.now();
  cli.child.kill('SIGINT');
  const run = await cli.exit;

  t.is(run.code, 130, run.stderr);
  // Nothing is left to wait for: queued rows are not-sent whatever the pace; allow for process exit.
  t.true(run.exitedAt - secondAt < 1000, `exit ${Math.round(run.exitedAt - secondAt)} ms after the second Ctrl-C`);
  const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  assertOneResultPerRow(t, dataset.rows, results, 'aborted run');
  t.is(journalResults(latestJournal(dir)).length, ROWS);
  const started = new Set(events().filter((e) => e.type === 'row-start').map((e) => e.line));
  for (const r of results) {
    // A request cut off in flight has an unknown outcome: failed, never created, never silently not-sent.
    if (started.has(r.line)) t.like(r, { status: 'failed', ErrorCode: 'Aborted' }, `line ${r.line}`);
    else t.is(r.status, 'not-sent', `line ${r.line}`);
  }
});

test('a first Ctrl-C over two endpoints (the CSV grouped by region) holds the unstarted rows of both lanes, and records every row', async (t) => {
  const { dir, csv, endpoints, gz, sh, emulators } = await twoEndpoints(t, 60);
  const cli = spawnCli(t, ['batch', csv, ...endpoints, '--yes', '--no-tui', '--no-preflight', '--out', 'results.jsonl', '--rate', '5'], { cwd: dir, env: cliEnv(dir) });
  await whileRunning(cli, () => journalResults(latestJournal(dir)).length >= 10, '10 rows in the journal');
  cli.child.kill('SIGINT');
  const run = await cli.exit;
  const arrived = [gz, sh].map((emulator) => arrivals(emulator, 'CreateSignaturePolicy').length);

  t.is(run.code, 130, run.stderr);
  const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  t.deepEqual(duplicates(results.map((r) => r.line)), []);
  t.is(results.length, 120);
  // Both lanes were sending when the Ctrl-C came, and both held rows back.
  t.true(arrived.every((n) => n > 0), `creates per endpoint: ${arrived.join(', ')}`);
  for (const registry of ['tcr-trgz01', 'tcr-trsh01']) {
    t.true(results.some((r) => r.RegistryId === registry && r.status === 'not-sent'), `${registry} had rows not sent`);
  }
  t.deepEqual(journalResults(latestJournal(dir)).length, 120);
  assertAgrees(t, results, emulators);
});
