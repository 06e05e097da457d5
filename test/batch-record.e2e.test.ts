// One record per batch (issue 20): chains of kills, resumes and re-runs of the built CLI against the
// emulator, whose slow creates take effect either when answered (the default) or as they arrive. Each
// test ends by comparing the last results file with the emulator's state, then rolling that file back
// to nothing: the last results file is always the one to roll back.
import test, { type ExecutionContext } from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { disagreements } from './helpers/agreement.js';
import {
  cliEnv, journalsIn, keyOf, makeDataset, readJsonLines, runCli, spawnCli, startKitEmulator, tempDir, waitFor, writeCsv,
  type Dataset, type ExportedResult,
} from './helpers/engine-kit.js';

type Emulator = Awaited<ReturnType<typeof startKitEmulator>>;

const creates = (emulator: Emulator): number => emulator.state.actionCounts()['CreateSignaturePolicy']?.requests ?? 0;
const settledCreates = (emulator: Emulator): number =>
  Object.values(emulator.state.actionCounts()['CreateSignaturePolicy']?.outcomes ?? {}).reduce((a, b) => a + b, 0);
const inUse = (emulator: Emulator): number => emulator.state.actionCounts()['CreateSignaturePolicy']?.outcomes['ResourceInUse'] ?? 0;
const okKeys = (dataset: Dataset): string[] => dataset.rows.filter((r) => r.kind === 'ok').map(keyOf).sort();
const keysWith = (results: readonly ExportedResult[], status: string): string[] => results.filter((r) => r.status === status).map(keyOf).sort();

/** Intents a run wrote of its own (lines carried forward from an earlier run name it in `from`). */
const ownIntents = (journal: string): number =>
  readFileSync(journal, 'utf8').split('\n').filter((l) => l.startsWith('{"kind":"intent"') && !l.includes('"from":')).length;

/** Runs the CLI and kills it with SIGKILL once its journal holds `sends` intents of its own; returns that journal. */
async function killAfter(t: ExecutionContext, args: readonly string[], dir: string, sends: number): Promise<string> {
  const before = new Set(journalsIn(dir));
  const cli = spawnCli(t, args, { cwd: dir, env: cliEnv(dir) });
  const journal = await waitFor(() => journalsIn(dir).find((j) => !before.has(j)), 'the run to open its journal');
  await waitFor(() => {
    if (cli.child.exitCode !== null) throw new Error(`the run ended before it was killed: ${cli.stderr()}`);
    return ownIntents(journal) >= sends;
  }, `${sends} attempts sent`);
  cli.child.kill('SIGKILL');
  await cli.exit;
  return journal;
}

/** Every request the killed runs left on their way has landed (or failed) on the server. */
async function lateRequestsLanded(emulator: Emulator, latencyMs: number): Promise<void> {
  await waitFor(() => settledCreates(emulator) === creates(emulator), 'the requests in flight to settle', { timeoutMs: 20_000 });
  await new Promise((resolve) => setTimeout(resolve, latencyMs / 2));
}

/** The end of every test here: the last results agree with the emulator, and rolling them back leaves only the seed. */
async function agreesAndRollsBack(t: ExecutionContext, emulator: Emulator, dataset: Dataset, dir: string, last: string): Promise<void> {
  const results = readJsonLines<ExportedResult>(join(dir, last));
  t.deepEqual(results.map((r) => r.line), dataset.rows.map((r) => r.line), 'every input row has one result');
  t.deepEqual(keysWith(results, 'created'), okKeys(dataset), 'every policy the batch made is recorded created');
  t.deepEqual(disagreements(emulator, dataset.seed, results), []);
  await rollsBackToNothing(t, emulator, dataset, dir, last);
}

async function rollsBackToNothing(t: ExecutionContext, emulator: Emulator, dataset: Dataset, dir: string, last: string): Promise<void> {
  const rollback = await runCli(t, ['rollback', last, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', `rollback-${last}`, '--force'], { cwd: dir, env: cliEnv(dir) });
  t.is(rollback.code, 0, rollback.stderr);
  t.deepEqual(emulator.state.policies().map(keyOf).sort(), (dataset.seed.policies ?? []).map(keyOf).sort(), 'rolled back to nothing');
}

for (const effectOnArrival of [false, true]) {
  const when = effectOnArrival ? 'creates take effect on arrival' : 'creates take effect when answered';

  test(`F1 (${when}): a resume killed before re-sending what it checked leaves its successor every earlier intent and baseline`, async (t) => {
    const dataset = makeDataset(30);
    const dir = await tempDir(t);
    const csv = await writeCsv(dir, dataset.csv);
    const latencyMs = 2500;
    const emulator = await startKitEmulator(t, { seed: dataset.seed, latencyMs, effectOnArrival, faultActions: ['CreateSignaturePolicy'] });
    const args = ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--rate', '10'];
    const a = await killAfter(t, [...args, '--out', 'a.jsonl'], dir, 5);
    const b = await killAfter(t, [...args, '--out', 'b.jsonl', '--resume', a], dir, 2);
    t.true(readFileSync(b, 'utf8').includes('"from":'), 'the resumed run copied the earlier record forward');
    await lateRequestsLanded(emulator, latencyMs);
    const c = await runCli(t, [...args, '--out', 'c.jsonl', '--resume', b], { cwd: dir, env: cliEnv(dir) });
    t.is(c.code, 1, c.stderr); // the rows the plan blocks stay invalid
    await agreesAndRollsBack(t, emulator, dataset, dir, 'c.jsonl');
  });

  test(`F5 (${when}): resuming an older journal after a later run finished keeps what the later run settled`, async (t) => {
    const dataset = makeDataset(30);
    const dir = await tempDir(t);
    const csv = await writeCsv(dir, dataset.csv);
    const latencyMs = 800;
    const emulator = await startKitEmulator(t, { seed: dataset.seed, latencyMs, effectOnArrival, faultActions: ['CreateSignaturePolicy'] });
    const args = ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--rate', '20'];
    const a = await killAfter(t, [...args, '--out', 'a.jsonl'], dir, 6);
    const b = await runCli(t, [...args, '--out', 'b.jsonl', '--resume', a], { cwd: dir, env: cliEnv(dir) });
    t.is(b.code, 1, b.stderr);
    const sent = creates(emulator);
    const again = await runCli(t, [...args, '--out', 'again.jsonl', '--resume', a], { cwd: dir, env: cliEnv(dir) });
    t.is(again.code, 1, again.stderr);
    t.regex(again.stderr, /1 later run of this batch left journals after/);
    t.is(creates(emulator), sent, 'nothing the later run settled is sent again');
    await agreesAndRollsBack(t, emulator, dataset, dir, 'again.jsonl');
  });
}

for (const effectOnArrival of [false, true]) {
  test(`F5 (${effectOnArrival ? 'creates take effect on arrival' : 'creates take effect when answered'}): a crashed run, then a re-run with --force instead of --resume, keeps the crashed run's creations created`, async (t) => {
    const dataset = makeDataset(30);
    const dir = await tempDir(t);
    const csv = await writeCsv(dir, dataset.csv);
    const latencyMs = 1500;
    const emulator = await startKitEmulator(t, { seed: dataset.seed, latencyMs, effectOnArrival, faultActions: ['CreateSignaturePolicy'] });
    const args = ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--rate', '10', '--out', 'results.jsonl', '--force'];
    await killAfter(t, args, dir, 6);
    // Some of the cut-off requests land before the re-run's plan reads, some after (when answered: 1.5 s on).
    const rerun = await runCli(t, args, { cwd: dir, env: cliEnv(dir) });
    t.is(rerun.code, 1, rerun.stderr);
    t.regex(rerun.stderr, /Found the record of 1 earlier run of this input/);
    await agreesAndRollsBack(t, emulator, dataset, dir, 'results.jsonl');
  });
}

test('F5: a re-run of the same CSV with --force on the same --out keeps the first run\'s rows created; after a rollback it creates them anew', async (t) => {
  const dataset = makeDataset(30);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed });
  const args = ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.jsonl', '--force'];
  t.is((await runCli(t, args, { cwd: dir, env: cliEnv(dir) })).code, 1);
  const first = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  const sent = creates(emulator);
  const rerun = await runCli(t, args, { cwd: dir, env: cliEnv(dir) });
  t.is(rerun.code, 1, rerun.stderr);
  t.regex(rerun.stderr, /Found the record of 1 earlier run of this input/);
  t.is(creates(emulator), sent, 'nothing sent again');
  const second = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  for (const r of second.filter((x) => x.status === 'created')) {
    t.is(r.RequestId, first.find((f) => f.line === r.line)?.RequestId ?? '', `line ${r.line} keeps the RequestId that created it`);
    t.regex(r.ErrorMessage, /created by an earlier run of this batch/);
  }
  await agreesAndRollsBack(t, emulator, dataset, dir, 'results.jsonl');
  // Rolled back: the namespaces no longer sign, so a re-run sends them again and records the new creations.
  t.is((await runCli(t, args, { cwd: dir, env: cliEnv(dir) })).code, 1);
  const third = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  t.deepEqual(keysWith(third, 'created'), okKeys(dataset));
  for (const r of third.filter((x) => x.status === 'created')) {
    t.not(r.RequestId, first.find((f) => f.line === r.line)?.RequestId, `line ${r.line} was created anew`);
    t.notRegex(r.ErrorMessage, /earlier run/);
  }
  // (The agreement helper counts creations over the emulator's life; here every namespace was made twice: once per round.)
  t.deepEqual(Object.values(emulator.state.successfulCreates()).filter((n) => n !== 2), []);
  await rollsBackToNothing(t, emulator, dataset, dir, 'results.jsonl');
});

for (const first of [[], ['--no-preflight']]) {
  test(`F5: a re-run with --no-preflight --force on the same --out (first run ${first.length ? 'without' : 'with'} a plan) keeps the first run's rows created with their RequestId`, async (t) => {
    const dataset = makeDataset(30);
    const dir = await tempDir(t);
    const csv = await writeCsv(dir, dataset.csv);
    const emulator = await startKitEmulator(t, { seed: dataset.seed });
    const args = ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.jsonl', '--force'];
    t.is((await runCli(t, [...args, ...first], { cwd: dir, env: cliEnv(dir) })).code, 1);
    const before = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
    t.deepEqual(keysWith(before, 'created'), okKeys(dataset));
    // No plan: every row is sent again, and the emulator answers that the batch's policies exist.
    const inUseBefore = inUse(emulator);
    const rerun = await runCli(t, [...args, '--no-preflight'], { cwd: dir, env: cliEnv(dir) });
    t.is(rerun.code, 1, rerun.stderr);
    t.regex(rerun.stderr, /Found the record of 1 earlier run of this input/);
    t.true(inUse(emulator) - inUseBefore >= okKeys(dataset).length, 'the creates sent again were answered that the policies exist');
    const after = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
    t.deepEqual(keysWith(after, 'created'), okKeys(dataset), 'the batch\'s rows stay created, none failed or skipped');
    for (const r of after.filter((x) => x.status === 'created')) {
      t.is(r.RequestId, before.find((b) => b.line === r.line)?.RequestId ?? '', `line ${r.line} keeps the RequestId that created it`);
      t.regex(r.ErrorMessage, /created by an earlier run of this batch .*answered ResourceInUse/);
    }
    t.deepEqual(Object.values(emulator.state.successfulCreates()).filter((n) => n !== 1), [], 'each policy created once');
    await agreesAndRollsBack(t, emulator, dataset, dir, 'results.jsonl');
  });
}

test('F2: an empty --resume file is refused with exit 2; a run killed as it names its journal left one that resumes', async (t) => {
  const dataset = makeDataset(20);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed, latencyMs: 1500, faultActions: ['CreateSignaturePolicy'] });
  const args = ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui'];
  for (const empty of ['empty-journal.jsonl', 'empty.csv', 'empty.json']) {
    writeFileSync(join(dir, empty), '');
    const refused = await runCli(t, [...args, '--resume', empty, '--out', 'never.jsonl'], { cwd: dir, env: cliEnv(dir) });
    t.is(refused.code, 2, `${empty}: ${refused.stderr}`);
    t.regex(refused.stderr, /is empty: it records no run/);
    t.notRegex(refused.stderr, /\n\s+at /, 'no stack trace');
  }
  t.is(creates(emulator), 0, 'nothing sent');
  const cli = spawnCli(t, [...args, '--out', 'a.jsonl'], { cwd: dir, env: cliEnv(dir) });
  await waitFor(() => /Journal:/.test(cli.stderr()), 'the run to name its journal', { intervalMs: 1 });
  cli.child.kill('SIGKILL');
  await cli.exit;
  const [journal] = journalsIn(dir);
  t.truthy(journal);
  t.like(JSON.parse(readFileSync(journal as string, 'utf8').split('\n')[0] ?? ''), { kind: 'run', tool: 'tcr-sigpolicy' });
  await lateRequestsLanded(emulator, 1500);
  const resumed = await runCli(t, [...args, '--resume', journal as string, '--out', 'b.jsonl'], { cwd: dir, env: cliEnv(dir) });
  t.is(resumed.code, 1, resumed.stderr);
  await agreesAndRollsBack(t, emulator, dataset, dir, 'b.jsonl');
});

test('F4: an export from a different CSV is refused like a journal is; --force is the only way past', async (t) => {
  const dataset = makeDataset(20);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed });
  const env = cliEnv(dir);
  t.is((await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'a.csv'], { cwd: dir, env })).code, 1);
  const renamed = dataset.csv.replace(/,sign-(\d+),/g, ',renamed-$1,');
  const other = await writeCsv(dir, renamed, 'other.csv');
  const sent = creates(emulator);
  for (const file of ['a.csv', ...journalsIn(dir)]) {
    const refused = await runCli(t, ['batch', other, '--endpoint', emulator.url, '--yes', '--no-tui', '--resume', file, '--out', 'b.csv'], { cwd: dir, env });
    t.is(refused.code, 2, refused.stderr);
    t.regex(refused.stderr, /different input file/);
  }
  t.is(creates(emulator), sent, 'nothing sent');
  // Its own CSV's export, read back from CSV, is recognised as that input's.
  const same = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--resume', 'a.csv', '--out', 'same.csv'], { cwd: dir, env });
  t.is(same.code, 1, same.stderr);
  const forced = await runCli(t, ['batch', other, '--endpoint', emulator.url, '--yes', '--no-tui', '--resume', 'a.csv', '--force', '--out', 'b.jsonl'], { cwd: dir, env });
  t.is(forced.code, 1, forced.stderr);
  t.is(creates(emulator), sent, 'the rows the export settled are carried, not sent');
  await agreesAndRollsBack(t, emulator, dataset, dir, 'b.jsonl');
});
