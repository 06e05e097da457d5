// Interruptions, crashes and re-runs of the built CLI against the emulator, each ending by comparing
// every recorded status with what the emulator holds: the record never loses or invents a creation.
import test, { type ExecutionContext } from 'ava';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { disagreements } from './helpers/agreement.js';
import {
  cliEnv,
  faultSeedFor,
  journalResults,
  journalsIn,
  keyOf,
  latestJournal,
  makeDataset,
  newPolicies,
  readJsonLines,
  runCli,
  spawnCli,
  startKitEmulator,
  tempDir,
  waitFor,
  writeCsv,
  type ExportedResult,
} from './helpers/engine-kit.js';

type Emulator = Awaited<ReturnType<typeof startKitEmulator>>;

const creates = (emulator: Emulator): number => emulator.state.actionCounts()['CreateSignaturePolicy']?.requests ?? 0;
const settledCreates = (emulator: Emulator): number =>
  Object.values(emulator.state.actionCounts()['CreateSignaturePolicy']?.outcomes ?? {}).reduce((a, b) => a + b, 0);
const okKeys = (rows: ReturnType<typeof makeDataset>['rows']): string[] => rows.filter((r) => r.kind === 'ok').map(keyOf).sort();
const keysWith = (results: readonly ExportedResult[], status: string): string[] => results.filter((r) => r.status === status).map(keyOf).sort();

const intents = (journal: string): number => readFileSync(journal, 'utf8').split('\n').filter((l) => l.startsWith('{"kind":"intent"')).length;

/** Rows whose last journal line is an intent: in flight when the journal stopped. */
function inFlight(journal: string): number {
  const last = new Map<string, string>();
  for (const l of readFileSync(journal, 'utf8').split('\n')) {
    if (!l.endsWith('}')) continue;
    const record = JSON.parse(l) as { kind: string; key: string };
    last.set(record.key, record.kind);
  }
  return [...last.values()].filter((k) => k === 'intent').length;
}

test('Ctrl-C twice with slow answers, then --resume, then rollback: every aborted creation is found, and nothing is left behind', async (t) => {
  const dataset = makeDataset(40);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed, latencyMs: 2500, faultActions: ['CreateSignaturePolicy'] });
  const env = cliEnv(dir);
  const cli = spawnCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--json', '--out', 'results.jsonl', '--rate', '10'], { cwd: dir, env });
  const starts = (): number => cli.stdout().split('\n').filter((l) => l.includes('"type":"row-start"')).length;
  await waitFor(() => starts() >= 5, '5 requests in flight');
  cli.child.kill('SIGINT');
  await waitFor(() => cli.stdout().includes('"type":"stopping"'), 'the stopping event');
  cli.child.kill('SIGINT');
  const first = await cli.exit;
  t.is(first.code, 130, first.stderr);
  const aborted = readJsonLines<ExportedResult>(join(dir, 'results.jsonl')).filter((r) => r.ErrorCode === 'Aborted');
  t.true(aborted.length >= 5, `${aborted.length} aborted`);
  // The server goes on with the requests the client cut off: they create their policies all the same.
  const signing = (): Set<string> => new Set(emulator.state.policies().map(keyOf));
  await waitFor(() => aborted.every((a) => signing().has(keyOf(a))), 'the emulator to finish the cut-off requests', { timeoutMs: 10_000 });

  const resumed = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--resume', 'results.jsonl', '--out', 'resumed.jsonl'], { cwd: dir, env });
  t.is(resumed.code, 1, resumed.stderr); // the rows the plan blocks stay invalid
  t.regex(resumed.stderr, /Checked \d+ rows? left unknown by the earlier run/);
  const results = readJsonLines<ExportedResult>(join(dir, 'resumed.jsonl'));
  for (const a of aborted) t.like(results.find((r) => r.line === a.line), { status: 'created' }, `line ${a.line} was created by the aborted attempt`);
  t.true(aborted.every((a) => /confirmed by a check/.test(results.find((r) => r.line === a.line)?.ErrorMessage ?? '')));
  t.deepEqual(keysWith(results, 'created'), okKeys(dataset.rows));
  t.deepEqual(disagreements(emulator, dataset.seed, results), []);

  const rollback = await runCli(t, ['rollback', 'resumed.jsonl', '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'rollback.jsonl'], { cwd: dir, env });
  t.is(rollback.code, 0, rollback.stderr);
  t.deepEqual(emulator.state.policies().map(keyOf).sort(), (dataset.seed.policies ?? []).map(keyOf).sort());
});

/** Runs the batch, kills it with SIGKILL once it has sent `sends` attempts and some are in flight, and returns its journal. */
async function crashAfter(t: ExecutionContext, args: readonly string[], dir: string, sends: number): Promise<string> {
  const before = new Set(journalsIn(dir));
  const cli = spawnCli(t, args, { cwd: dir, env: cliEnv(dir) });
  const journal = await waitFor(() => journalsIn(dir).find((j) => !before.has(j)), 'the run to open its journal');
  await waitFor(() => {
    if (cli.child.exitCode !== null) throw new Error(`the run ended before it was killed: ${cli.stderr()}`);
    return intents(journal) >= sends && inFlight(journal) > 0;
  }, `${sends} attempts sent, some in flight`);
  cli.child.kill('SIGKILL');
  await cli.exit;
  return journal;
}

test('kill -9 at three moments with requests in flight, resuming each time from the last journal: every row created once, none failed ResourceInUse', async (t) => {
  const dataset = makeDataset(120);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed, latencyMs: 400, jitterMs: 200, faultActions: ['CreateSignaturePolicy'] });
  const args = ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.jsonl', '--force'];
  let journal = await crashAfter(t, args, dir, 10);
  t.true(inFlight(journal) > 0);
  for (const sends of [15, 25]) journal = await crashAfter(t, [...args, '--resume', journal], dir, sends);
  const last = await runCli(t, [...args, '--resume', journal], { cwd: dir, env: cliEnv(dir) });
  t.is(last.code, 1, last.stderr);
  const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  t.deepEqual(results.map((r) => r.line), dataset.rows.map((r) => r.line));
  const ok = new Set(okKeys(dataset.rows));
  t.deepEqual(results.filter((r) => ok.has(keyOf(r)) && r.status !== 'created').map((r) => `line ${r.line}: ${r.status} ${r.ErrorCode} ${r.ErrorMessage}`), []);
  t.deepEqual(results.filter((r) => r.ErrorCode === 'ResourceInUse' || r.ErrorCode === 'OutcomeUnknown'), []);
  t.deepEqual(Object.values(emulator.state.successfulCreates()).filter((n) => n !== 1), []);
  t.deepEqual(disagreements(emulator, dataset.seed, results), []);
});

test('a re-run with --force on the same --out, crashed, then resumed, never reports the first run\'s rows as done', async (t) => {
  const dataset = makeDataset(40);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const env = cliEnv(dir);
  const first = await startKitEmulator(t, { seed: dataset.seed });
  t.is((await runCli(t, ['batch', csv, '--endpoint', first.url, '--yes', '--no-tui', '--out', 'results.jsonl'], { cwd: dir, env })).code, 1);
  // Another account (or the same after a clean-up): the first run's policies do not exist there.
  const second = await startKitEmulator(t, { seed: dataset.seed, latencyMs: 300, faultActions: ['CreateSignaturePolicy'] });
  const refused = await runCli(t, ['batch', csv, '--endpoint', second.url, '--yes', '--no-tui', '--out', 'results.jsonl'], { cwd: dir, env });
  t.is(refused.code, 2);
  t.regex(refused.stderr, /--out results\.jsonl already exists[\s\S]*--force/);
  t.is(creates(second), 0);
  const journal = await crashAfter(t, ['batch', csv, '--endpoint', second.url, '--yes', '--no-tui', '--out', 'results.jsonl', '--force'], dir, 8);
  t.is(journalsIn(dir).length, 2, 'each run has a journal of its own');

  // The cut-off requests land after the kill; the preview shows only what would still be sent.
  await waitFor(() => settledCreates(second) === creates(second), 'the emulator to finish the requests in flight', { timeoutMs: 10_000 });
  await new Promise((resolve) => setTimeout(resolve, 1000)); // cut-off requests finish their 300 ms on the server
  const sentBefore = creates(second);
  const preview = await runCli(t, ['batch', csv, '--endpoint', second.url, '--dry-run', '--no-tui', '--resume', journal, '--out', 'preview.jsonl'], { cwd: dir, env });
  t.is(preview.code, 1, preview.stderr); // the rows the plan blocks are invalid
  t.is(creates(second), sentBefore, 'a preview sends nothing');
  const made = new Set(newPolicies(second, dataset.seed).map(keyOf));
  t.deepEqual(keysWith(readJsonLines<ExportedResult>(join(dir, 'preview.jsonl')), 'dry-run'), okKeys(dataset.rows).filter((k) => !made.has(k)));

  const resumed = await runCli(t, ['batch', csv, '--endpoint', second.url, '--yes', '--no-tui', '--resume', journal, '--out', 'results.jsonl', '--force'], { cwd: dir, env });
  t.is(resumed.code, 1, resumed.stderr);
  const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  t.deepEqual(keysWith(results, 'created'), okKeys(dataset.rows));
  t.deepEqual(keysWith(results, 'skipped'), dataset.rows.filter((r) => r.kind === 'has-policy').map(keyOf).sort());
  t.deepEqual(disagreements(second, dataset.seed, results), []);
});

test('an unknown outcome followed by throttling stays unknown, and the resume confirms the creation without sending again', async (t) => {
  const faults = { errorRate: 0.5, throttleRate: 0.5 };
  const faultSeed = faultSeedFor(faults, ['http-502', 'throttle', 'throttle']);
  const dataset = makeDataset(1);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed, ...faults, faultSeed });
  const env = cliEnv(dir);
  const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.jsonl', '--max-attempts', '3'], { cwd: dir, env });
  t.is(run.code, 1, run.stderr);
  t.deepEqual(emulator.state.actionCounts()['CreateSignaturePolicy']?.outcomes, { 'http-502': 1, RequestLimitExceeded: 2 });
  const [first] = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  t.like(first, { status: 'failed', ErrorCode: 'OutcomeUnknown', attempts: 3 });
  t.deepEqual(disagreements(emulator, dataset.seed, [first as ExportedResult]), []);

  const resumed = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--resume', 'results.jsonl', '--out', 'resumed.jsonl'], { cwd: dir, env });
  t.is(resumed.code, 0, resumed.stderr);
  const results = readJsonLines<ExportedResult>(join(dir, 'resumed.jsonl'));
  t.like(results[0], { status: 'created', attempts: 3 });
  t.is(creates(emulator), 3, 'nothing was sent again');
  t.deepEqual(disagreements(emulator, dataset.seed, results), []);
});

test('every --out and --resume mistake is refused with exit 2 before anything is sent', async (t) => {
  const dataset = makeDataset(5);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed });
  const env = cliEnv(dir);
  writeFileSync(join(dir, 'old.csv'), 'the results rollback needs\n');
  writeFileSync(join(dir, 'locked.csv.lock'), `${process.pid}\n`); // held by a live process
  writeFileSync(join(dir, 'damaged.jsonl'), `${JSON.stringify({ kind: 'intent', key: 'tcr-kitgz01/team-0000', attempt: 1, at: '' })}\n{"kind":"res\n{}\n`);
  writeFileSync(join(dir, 'other.jsonl'), `${JSON.stringify({ kind: 'intent', run: 'R', input: 'another-input', key: 'tcr-x/elsewhere', attempt: 1, at: '' })}\n`);
  const cases: [args: string[], message: RegExp][] = [
    [['--out', 'old.csv'], /--out old\.csv already exists/],
    [['--out', 'policies.csv', '--force'], /would overwrite the input file/],
    [['--out', '.'], /is a directory|unknown format/],
    [['--out', 'sub.csv'], /is a directory/],
    [['--out', 'missing/results.csv'], /no such directory/],
    [['--out', 'frozen/results.csv'], /not writable/],
    [['--out', 'locked.csv'], /being written by another run/],
    [['--resume', 'nowhere.jsonl'], /cannot read --resume file nowhere\.jsonl: no such file/],
    [['--resume', 'damaged.jsonl'], /line 2 is not valid JSON/],
    [['--resume', 'other.jsonl'], /different input file/],
    [['--resume', 'nowhere.jsonl', '--dry-run'], /no such file/],
  ];
  mkdirSync(join(dir, 'sub.csv'));
  mkdirSync(join(dir, 'frozen'));
  t.teardown(freeze(join(dir, 'frozen')));
  for (const [args, message] of cases) {
    const run = await runCli(t, ['batch', 'policies.csv', '--endpoint', emulator.url, '--yes', '--no-tui', ...args], { cwd: dir, env });
    t.is(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    t.regex(run.stderr, message, args.join(' '));
    t.notRegex(run.stderr, /\n\s+at /, 'no stack trace');
  }
  t.deepEqual(emulator.state.recentRequests(), [], 'nothing was sent, not even a read');
  t.is(readFileSync(join(dir, 'old.csv'), 'utf8'), 'the results rollback needs\n');
  t.is(readFileSync(csv, 'utf8'), dataset.csv);
  const forced = await runCli(t, ['batch', 'policies.csv', '--endpoint', emulator.url, '--dry-run', '--no-tui', '--resume', 'other.jsonl', '--force'], { cwd: dir, env });
  t.is(forced.code, 1, forced.stderr); // a preview: the blocked row is invalid
  t.regex(forced.stderr, /4 dry-run\. Nothing was sent\./);
});

test('an export that fails after sending says so, names the journal holding every row, and exits 1', async (t) => {
  const dataset = makeDataset(20);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const out = join(dir, 'out');
  mkdirSync(out);
  const emulator = await startKitEmulator(t, { seed: dataset.seed, latencyMs: 300, faultActions: ['CreateSignaturePolicy'] });
  const cli = spawnCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'out/results.csv', '--rate', '10'], { cwd: dir, env: cliEnv(dir) });
  const journal = await waitFor(() => latestJournal(out), 'the journal');
  // The folder stops taking new files while the run sends (as a full disk or a lost mount would).
  const unlock = freeze(out);
  t.teardown(unlock);
  const run = await cli.exit;
  unlock();
  t.is(run.code, 1, run.stderr);
  t.regex(run.stderr, new RegExp(`the results could not be written to out/results\\.csv.*Every row's result is in the journal ${relative(dir, journal).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const results = journalResults(journal);
  t.is(results.length, dataset.rows.length);
  t.deepEqual(disagreements(emulator, dataset.seed, results), []);
});

/** Makes a folder refuse new files (root ignores permission bits, so it is made immutable); returns the undo. */
function freeze(dir: string): () => void {
  const root = process.getuid?.() === 0;
  if (root) execFileSync('chattr', ['+i', dir]);
  else chmodSync(dir, 0o555);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (root) execFileSync('chattr', ['-i', dir]);
    else chmodSync(dir, 0o755);
  };
}

test('rollback of several results files, in order, deletes what each run created and leaves the emulator as it started', async (t) => {
  const dataset = makeDataset(24);
  const dir = await tempDir(t);
  const [head, ...lines] = dataset.csv.trimEnd().split('\n');
  const firstHalf = await writeCsv(dir, `${head}\n${lines.slice(0, 12).join('\n')}\n`, 'a.csv');
  const secondHalf = await writeCsv(dir, `${head}\n${lines.slice(12).join('\n')}\n`, 'b.csv');
  const emulator = await startKitEmulator(t, { seed: dataset.seed });
  const env = cliEnv(dir);
  for (const [csv, out] of [[firstHalf, 'a.jsonl'], [secondHalf, 'b.jsonl']] as const) {
    t.is((await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', out], { cwd: dir, env })).code, 1);
  }
  const created = [...readJsonLines<ExportedResult>(join(dir, 'a.jsonl')), ...readJsonLines<ExportedResult>(join(dir, 'b.jsonl'))].filter((r) => r.status === 'created');
  t.is(created.length, okKeys(dataset.rows).length);
  const rollback = await runCli(t, ['rollback', 'a.jsonl', 'b.jsonl', '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'rollback.jsonl'], { cwd: dir, env });
  t.is(rollback.code, 0, rollback.stderr);
  t.regex(rollback.stderr, new RegExp(`a\\.jsonl, b\\.jsonl: ${created.length} signature policies created by those runs`));
  t.is(readJsonLines<ExportedResult>(join(dir, 'rollback.jsonl')).filter((r) => r.status === 'deleted').length, created.length);
  t.deepEqual(emulator.state.policies().map(keyOf).sort(), (dataset.seed.policies ?? []).map(keyOf).sort());
});
