// The built CLI sends 300 rows through the real SDK to the emulator over loopback while the emulator
// throttles, answers 5xx and drops connections; then the results are checked against what the
// emulator saw and holds.
import test from 'ava';
import { join } from 'node:path';
import type { RequestLogEntry } from '../src/emulator/index.js';
import {
  Cleanup,
  cliEnv,
  duplicates,
  EXPECTED_CODE,
  faultSeedFor,
  PLANNED,
  journalResults,
  keyOf,
  latestJournal,
  makeDataset,
  newPolicies,
  readJsonLines,
  runCli,
  startKitEmulator,
  tempDir,
  writeCsv,
  type CliExit,
  type DatasetRow,
  type ExportedResult,
} from './helpers/engine-kit.js';

const ROWS = 300;
const FAULTS = { errorRate: 0.05, throttleRate: 0.05, dropRate: 0.05, faultSeed: 424242, latencyMs: 5, jitterMs: 10 } as const;

interface LiveRun {
  readonly dataset: ReturnType<typeof makeDataset>;
  readonly dir: string;
  readonly csv: string;
  readonly run: CliExit;
  readonly results: ExportedResult[];
  readonly journal: ExportedResult[];
  readonly emulator: Awaited<ReturnType<typeof startKitEmulator>>;
  /** CreateSignaturePolicy requests the emulator received, with the row each names. */
  readonly creates: (RequestLogEntry & { key: string })[];
}

const cleanup = new Cleanup();
let live: Promise<LiveRun> | undefined;

/** One faulted live run shared by the tests below (it is the slow part). */
function liveRun(): Promise<LiveRun> {
  live ??= (async () => {
    const dataset = makeDataset(ROWS);
    const dir = await tempDir(cleanup);
    const csv = await writeCsv(dir, dataset.csv);
    const emulator = await startKitEmulator(cleanup, { seed: dataset.seed, ...FAULTS, requestLogSize: 20_000 });
    const run = await runCli(
      cleanup,
      ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.jsonl', '--max-attempts', '8'],
      { cwd: dir, env: cliEnv(dir) },
    );
    const creates = emulator.state
      .recentRequests()
      .filter((r) => r.action === 'CreateSignaturePolicy')
      .map((r) => ({ ...r, key: keyOf(JSON.parse(r.body) as { RegistryId: string; NamespaceName: string }) }));
    return {
      dataset, dir, csv, run, emulator, creates,
      results: readJsonLines<ExportedResult>(join(dir, 'results.jsonl')),
      journal: journalResults(latestJournal(dir)),
    };
  })();
  return live;
}

test.before(() => liveRun());
test.after.always(() => cleanup.run());

const byLine = <T extends { line: number }>(items: readonly T[]): Map<number, T> => new Map(items.map((i) => [i.line, i]));

test('the faults were really injected and the run exits 1 (some rows failed)', async (t) => {
  const { run, emulator, results } = await liveRun();
  t.is(run.code, 1, run.stderr);
  const outcomes = emulator.state.actionCounts()['CreateSignaturePolicy']?.outcomes ?? {};
  for (const fault of ['RequestLimitExceeded', 'http-503', 'http-502', 'dropped-before', 'dropped-after']) {
    t.true((outcomes[fault] ?? 0) > 0, `no ${fault} was injected: ${JSON.stringify(outcomes)}`);
  }
  t.true(results.some((r) => r.attempts > 1), 'no row was retried');
});

test('every row ends with exactly one result in the export', async (t) => {
  const { dataset, results } = await liveRun();
  t.deepEqual(duplicates(results.map((r) => r.line)), []);
  t.deepEqual(results.map((r) => r.line).sort((a, b) => a - b), dataset.rows.map((r) => r.line));
  for (const r of results) t.is(keyOf(r), keyOf(dataset.rows[r.line - 2] as DatasetRow), `line ${r.line}`);
});

/** Rows whose result is not the wanted status and code. */
function mismatches(rows: readonly DatasetRow[], results: readonly ExportedResult[], want: (row: DatasetRow) => { status: string; ErrorCode: string }): string[] {
  const got = byLine(results);
  return rows.flatMap((row) => {
    const r = got.get(row.line);
    const w = want(row);
    return r && r.status === w.status && r.ErrorCode === w.ErrorCode
      ? []
      : [`line ${row.line} (${row.kind}): ${r?.status} ${r?.ErrorCode} ${r?.ErrorMessage}, want ${w.status} ${w.ErrorCode}`];
  });
}

test('the plan settles what it can see before sending; creatable rows are created despite the faults', async (t) => {
  const { dataset, results, creates } = await liveRun();
  t.deepEqual(mismatches(dataset.rows, results, (row) => PLANNED[row.kind]), []);
  const planned = new Set(dataset.rows.filter((r) => r.kind !== 'ok').map(keyOf));
  t.deepEqual(creates.filter((c) => planned.has(c.key)).map((c) => c.key), [], 'a row the plan settled was sent');
});

test('without the plan, business errors reach the API and are failed with its error code', async (t) => {
  const dataset = makeDataset(40);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed });
  const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--no-preflight', '--out', 'results.jsonl'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1, run.stderr);
  const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  t.deepEqual(mismatches(dataset.rows, results, (row) => (row.kind === 'ok' ? PLANNED.ok : { status: 'failed', ErrorCode: EXPECTED_CODE[row.kind] })), []);
});

test('every created row cites a RequestId the emulator answered for that namespace', async (t) => {
  const { results, journal, creates } = await liveRun();
  const answered = new Map(creates.filter((c) => c.requestId).map((c) => [c.requestId, c]));
  const notes = byLine(journal);
  const wrong = results
    .filter((r) => r.status === 'created')
    .flatMap((r) => {
      const request = answered.get(r.RequestId);
      // After an attempt with no answer, the tool may cite the "already exists" answer it then checked.
      const confirmed = request?.outcome === 'ResourceInUse' && /DescribeNamespaces/.test(notes.get(r.line)?.note ?? '');
      return request && request.key === keyOf(r) && (request.outcome === 'ok' || confirmed)
        ? []
        : [`line ${r.line} ${keyOf(r)}: RequestId ${r.RequestId} was ${request ? `${request.outcome} for ${request.key}` : 'never answered'}`];
    });
  t.deepEqual(wrong, []);
});

test('no namespace is created twice and the created rows are exactly the new policies', async (t) => {
  const { dataset, results, emulator } = await liveRun();
  t.deepEqual(Object.entries(emulator.state.successfulCreates()).filter(([, n]) => n !== 1), []);
  const created = new Set(results.filter((r) => r.status === 'created').map(keyOf));
  const policies = newPolicies(emulator, dataset.seed);
  const held = new Set(policies.map(keyOf));
  t.deepEqual(
    { createdButNotHeld: [...created].filter((k) => !held.has(k)), heldButNotCreated: [...held].filter((k) => !created.has(k)) },
    { createdButNotHeld: [], heldButNotCreated: [] },
  );
  const rows = new Map(dataset.rows.map((r) => [keyOf(r), r]));
  for (const p of policies) {
    const row = rows.get(keyOf(p)) as DatasetRow;
    t.like(p, { Name: row.Name, KmsId: row.KmsId, KmsRegion: row.KmsRegion || row.Region, Domain: row.Domain, Disabled: row.Disabled === 'true' }, keyOf(p));
  }
});

test('the journal holds one line per row, agreeing with the export', async (t) => {
  const { results, journal } = await liveRun();
  t.is(journal.length, ROWS);
  t.deepEqual(duplicates(journal.map((j) => j.line)), []);
  const exported = byLine(results);
  for (const j of journal) t.like(exported.get(j.line), { status: j.status, RequestId: j.RequestId, ErrorCode: j.ErrorCode }, `line ${j.line}`);
});

test('the dry-run body of every row is byte for byte what the emulator received for it', async (t) => {
  const { dataset, dir, csv, creates } = await liveRun();
  const env = cliEnv(dir, { TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' });
  const dry = await runCli(t, ['batch', csv, '--dry-run', '--json'], { cwd: dir, env });
  t.is(dry.code, 0, dry.stderr);
  const previews = dry.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { type: string; result: ExportedResult; request: { body: string; region: string } })
    .filter((e) => e.type === 'row-done');
  t.is(previews.length, ROWS);
  const received = new Map<string, RequestLogEntry[]>();
  for (const c of creates) received.set(c.key, [...(received.get(c.key) ?? []), c]);
  const creatable = new Set(dataset.rows.filter((r) => r.kind === 'ok').map(keyOf));
  for (const { result, request } of previews) {
    const key = keyOf(result);
    const sent = received.get(key) ?? [];
    // The live run's plan kept the other rows back; every creatable one went out.
    t.is(sent.length > 0, creatable.has(key), `${key} reached the emulator: ${sent.length > 0}`);
    for (const s of sent) {
      t.is(s.body, request.body, key);
      t.is(s.region, request.region, key);
    }
  }
});

test('a namespace that already had a policy is not reported created after an attempt with no answer', async (t) => {
  // The first attempt gets a 503 before anything happens; the retry is told the policy exists (the old one).
  // Without the plan there is no record of what signed before the run, so it cannot be confirmed.
  const faults = { errorRate: 0.5 };
  const faultSeed = faultSeedFor(faults, ['http-503', 'none']);
  const dataset = makeDataset(9);
  const row = dataset.rows.find((r) => r.kind === 'has-policy') as DatasetRow;
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, `Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion\n${[row.Region, row.RegistryId, row.NamespaceName, row.Name, row.KmsId, row.KmsRegion].join(',')}\n`);
  const emulator = await startKitEmulator(t, { seed: dataset.seed, ...faults, faultSeed });
  const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--no-preflight', '--out', 'results.jsonl'], { cwd: dir, env: cliEnv(dir) });
  t.deepEqual(emulator.state.actionCounts()['CreateSignaturePolicy']?.outcomes, { 'http-503': 1, ResourceInUse: 1 });
  t.like(emulator.state.policies().find((p) => keyOf(p) === keyOf(row)), { Name: 'older-policy' });
  t.like(readJsonLines<ExportedResult>(join(dir, 'results.jsonl'))[0], { line: 2, status: 'failed', ErrorCode: 'ResourceInUse' });
  t.is(run.code, 1, run.stdout);
});

test('a policy created by an attempt whose answer was lost is confirmed and reported created once', async (t) => {
  const faults = { dropRate: 0.5 };
  const faultSeed = faultSeedFor(faults, ['dropped-after', 'none']);
  const dataset = makeDataset(1);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed, ...faults, faultSeed });
  const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.jsonl'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 0, run.stderr);
  t.deepEqual(emulator.state.actionCounts()['CreateSignaturePolicy']?.outcomes, { 'dropped-after': 1, ResourceInUse: 1 });
  t.deepEqual(emulator.state.successfulCreates(), { [keyOf(dataset.rows[0] as DatasetRow)]: 1 });
  t.like(readJsonLines<ExportedResult>(join(dir, 'results.jsonl'))[0], { status: 'created', attempts: 2 });
  t.regex(journalResults(latestJournal(dir))[0]?.note ?? '', /DescribeNamespaces/);
});
