// The journal (one file per run, intents before sends, self-describing lines), reading earlier runs
// back for --resume, the resume rules, and the --out checks and lock. Pure or file-level units.
import test from 'ava';
import { chmodSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyResume } from '../src/core/apply-resume.js';
import { UsageError } from '../src/core/errors.js';
import type { RowRecord } from '../src/core/journal-lines.js';
import type { PolicyRow } from '../src/core/policy-row.js';
import { identityOf, resultOf, type RowResult, type RowStatus } from '../src/core/result.js';
import { policyKey } from '../src/core/policy-row.js';
import { checkWritable, exportResults, guardOut } from '../src/services/export-results.js';
import { inputFingerprint } from '../src/services/input-fingerprint.js';
import { journalPathFor, newRunId, openJournal } from '../src/services/journal.js';
import { lockOut } from '../src/services/out-lock.js';
import { readPriorRecords, recordedEndpoints } from '../src/services/read-prior-results.js';

const KMS = '11111111-0000-4000-8000-00000000a001';
const rowsOf = (n: number): PolicyRow[] =>
  Array.from({ length: n }, (_, i) => ({
    line: i + 2,
    region: 'ap-guangzhou',
    request: { RegistryId: 'tcr-unit', Name: `p${i}`, NamespaceName: `ns${i}`, KmsId: KMS, KmsRegion: 'ap-guangzhou' },
  }));
const rows = rowsOf(10);
const row = (i: number): PolicyRow => rows[i] as PolicyRow;
const INPUT = inputFingerprint(rows);

async function scratch(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tcr-journal-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const result = (i: number, status: RowStatus, over: Partial<RowResult> = {}): RowRecord => ({
  kind: 'result', key: `tcr-unit/ns${i}`, input: INPUT,
  result: resultOf(identityOf(row(i)), status, { RequestId: `req-${i}`, attempts: 1, startedAt: `2026-01-01T00:00:0${i}.000Z`, finishedAt: `2026-01-01T00:00:0${i}.500Z`, ...over }),
});
const intent = (i: number, attempt = 1, notSigningBefore = true): RowRecord => ({
  kind: 'intent', key: `tcr-unit/ns${i}`, input: INPUT, attempt, at: `2026-01-01T00:00:0${i}.000Z`, notSigningBefore,
});

// ---------------------------------------------------------------- applyResume

test('applyResume: by each row\'s last record, created and skipped are carried, intents and unknown failures checked, the rest sent', (t) => {
  const plan = applyResume(rows, [
    result(0, 'created'),
    result(1, 'skipped', { RequestId: '', ErrorMessage: 'already signs' }),
    intent(2),
    intent(3), result(3, 'failed', { ErrorCode: 'Aborted' }),
    intent(4), result(4, 'failed', { ErrorCode: 'OutcomeUnknown' }),
    intent(5, 1, false), intent(5, 2, false), result(5, 'failed', { ErrorCode: 'HttpError' }),
    result(6, 'failed', { ErrorCode: 'ResourceNotFound' }),
    result(7, 'not-sent'),
    result(8, 'created'), intent(8), // sent again after a rollback: unknown again
    { ...result(9, 'created'), key: 'tcr-other/ns9' },
  ], INPUT);
  t.deepEqual(plan.carried.map((r) => [r.line, r.status, r.RequestId, r.startedAt]), [[2, 'created', 'req-0', '2026-01-01T00:00:00.000Z'], [3, 'skipped', '', '2026-01-01T00:00:01.000Z']]);
  t.deepEqual(plan.toCheck.map((c) => [c.row.line, c.notSigningBefore]), [[4, true], [5, true], [6, true], [7, false], [10, true]]);
  t.deepEqual(plan.toSend.map((r) => r.line), [8, 9, 11]);
  t.is(plan.mismatch, undefined);
});

test('applyResume: a file from another input is flagged, by fingerprint or by no rows in common', (t) => {
  t.regex(applyResume(rows, [{ ...result(0, 'created'), input: 'another' }], INPUT).mismatch ?? '', /different input/);
  t.regex(applyResume(rows, [{ ...result(0, 'created'), key: 'tcr-x/y', input: undefined }], INPUT).mismatch ?? '', /no rows in common/);
  t.is(applyResume(rows, [{ ...result(0, 'created'), input: undefined }], INPUT).mismatch, undefined, 'an export has no fingerprint');
});

test('inputFingerprint: the same rows give the same print; any changed field another', (t) => {
  t.is(inputFingerprint(rowsOf(3)), inputFingerprint(rowsOf(3).reverse()));
  const changed = rowsOf(3);
  changed[1] = { ...row(1), request: { ...row(1).request, KmsId: 'other' } };
  t.not(inputFingerprint(changed), inputFingerprint(rowsOf(3)));
  t.regex(inputFingerprint(rows), /^[0-9a-f]{16}$/);
});

// ---------------------------------------------------------------- the journal

test('newRunId and journalPathFor: a unique name per run, beside --out or in the working folder', (t) => {
  const now = new Date('2026-01-02T03:04:05.678Z');
  t.is(newRunId(now, () => 'a1b2c3'), '20260102T030405Z-a1b2c3');
  t.not(newRunId(now), newRunId(now));
  t.is(journalPathFor('out/results.csv', 'R', '/w'), join('out', 'results.R.journal.jsonl'));
  t.is(journalPathFor(undefined, 'R', '/w'), join('/w', 'tcr-sigpolicy-R.journal.jsonl'));
});

test('the journal: each intent is on disk when its promise resolves; every line names run, input and row', async (t) => {
  const path = join(await scratch(t), 'j.journal.jsonl');
  const journal = await openJournal(path, { run: 'R1', input: INPUT });
  t.like(JSON.parse(readFileSync(path, 'utf8')), { kind: 'run', tool: 'tcr-sigpolicy', run: 'R1', input: INPUT }, 'the first line is on disk when the journal opens');
  await journal.intent(policyKey(row(0).request), row(0).line, 1, true);
  t.is(readFileSync(path, 'utf8').split('\n').length - 1, 2, 'the intent is written before the send goes out');
  journal.result(policyKey(row(0).request), resultOf(identityOf(row(0)), 'created', { RequestId: 'req-0' }), { requestIds: ['x', 'req-0'] });
  await Promise.all([journal.intent(policyKey(row(1).request), row(1).line, 1, false), journal.intent(policyKey(row(2).request), row(2).line, 1, true)]);
  await journal.close();
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n').slice(1).map((l) => JSON.parse(l) as Record<string, unknown>);
  t.deepEqual(lines.map((l) => [l.kind, l.run, l.input, l.key]), [
    ['intent', 'R1', INPUT, 'tcr-unit/ns0'], ['result', 'R1', INPUT, 'tcr-unit/ns0'], ['intent', 'R1', INPUT, 'tcr-unit/ns1'], ['intent', 'R1', INPUT, 'tcr-unit/ns2'],
  ]);
  t.like(lines[0], { line: 2, attempt: 1, baseline: 'not-signing' });
  t.false('baseline' in (lines[2] as object));
  t.like(lines[1], { status: 'created', RequestId: 'req-0', requestIds: ['x', 'req-0'] });
});

test('the journal opens with the endpoints the run sent to; reading it back gives that run line first, and an export finds it beside it', async (t) => {
  const dir = await scratch(t);
  const path = journalPathFor(join(dir, 'results.csv'), 'R');
  const journal = await openJournal(path, { run: 'R', input: INPUT }, { endpoint: ['ap-shanghai=http://127.0.0.1:9600', 'http://127.0.0.1:9500'] });
  journal.result(policyKey(row(0).request), resultOf(identityOf(row(0)), 'created', { RequestId: 'req-0', attempts: 1 }));
  await journal.close();
  t.like(JSON.parse(readFileSync(path, 'utf8').split('\n')[0] ?? ''), { kind: 'run', run: 'R', input: INPUT });
  t.deepEqual((await readPriorRecords(path, 'rollback file')).map((r) => r.kind), ['run', 'result']);
  t.deepEqual(await recordedEndpoints(path), ['ap-shanghai=http://127.0.0.1:9600', 'http://127.0.0.1:9500']);
  await exportResults(join(dir, 'results.csv'), [resultOf(identityOf(row(0)), 'created', { RequestId: 'req-0', attempts: 1 })]);
  t.deepEqual(await recordedEndpoints(join(dir, 'results.csv')), ['ap-shanghai=http://127.0.0.1:9600', 'http://127.0.0.1:9500']);
  t.is(await recordedEndpoints(join(dir, 'elsewhere.csv')), undefined, 'no journal, nothing recorded');
});

test('the journal never opens an existing file: another run\'s journal is never appended to', async (t) => {
  const path = join(await scratch(t), 'j.journal.jsonl');
  await writeFile(path, 'earlier run\n');
  await t.throwsAsync(openJournal(path, { run: 'R', input: INPUT }), { instanceOf: UsageError });
  t.is(readFileSync(path, 'utf8'), 'earlier run\n');
});

test('readPriorRecords reads a journal back, intents and all; a cut-off last line is left out', async (t) => {
  const path = join(await scratch(t), 'j.journal.jsonl');
  const journal = await openJournal(path, { run: 'R', input: INPUT });
  await journal.intent(policyKey(row(0).request), row(0).line, 1, true);
  journal.result(policyKey(row(0).request), resultOf(identityOf(row(0)), 'created', { RequestId: 'req-0', attempts: 1 }));
  await journal.intent(policyKey(row(1).request), row(1).line, 2, false);
  await journal.close();
  writeFileSync(path, `${readFileSync(path, 'utf8')}{"kind":"result","run":"R","ke`);
  const records = await readPriorRecords(path, '--resume file');
  t.deepEqual(records.map((r) => [r.kind, r.kind === 'run' ? '' : r.key, r.run, r.input]), [
    ['run', '', 'R', INPUT], ['intent', 'tcr-unit/ns0', 'R', INPUT], ['result', 'tcr-unit/ns0', 'R', INPUT], ['intent', 'tcr-unit/ns1', 'R', INPUT],
  ]);
  t.like(records[3], { attempt: 2, notSigningBefore: false });
});

for (const name of ['results.csv', 'results.json', 'results.jsonl']) {
  test(`readPriorRecords reads a ${name} export`, async (t) => {
    const path = join(await scratch(t), name);
    const earlier = [resultOf(identityOf(row(0)), 'created', { RequestId: 'req-0', attempts: 1 }), resultOf(identityOf(row(1)), 'failed', { ErrorCode: 'NetworkError', attempts: 5 })];
    await exportResults(path, earlier);
    const records = await readPriorRecords(path, '--resume file');
    t.deepEqual(records.map((r) => (r.kind === 'result' ? r.result : undefined)), earlier);
  });
}

test('readPriorRecords names every damaged line of a journal by its number', async (t) => {
  const path = join(await scratch(t), 'j.journal.jsonl');
  const good = JSON.stringify({ kind: 'intent', key: 'tcr-unit/ns0', attempt: 1, at: '' });
  await writeFile(path, `${good}\nnot json\n${good}\n{"kind":\n${good}\n`);
  await t.throwsAsync(readPriorRecords(path, '--resume file'), { instanceOf: UsageError, message: /lines 2, 4 are not valid JSON/ });
  await writeFile(path, `${good}\n{"hello":"world"}\n`);
  await t.throwsAsync(readPriorRecords(path, '--resume file'), { instanceOf: UsageError, message: /line 2 is not a result or journal record/ });
});

for (const [name, content] of [['missing.jsonl', undefined], ['object.json', '{"status":"created"}'], ['broken.json', '[{"line":2,']] as const) {
  test(`readPriorRecords refuses ${name} with a usage error and a hint`, async (t) => {
    const path = join(await scratch(t), name);
    if (content !== undefined) await writeFile(path, content);
    const error = await t.throwsAsync(readPriorRecords(path, '--resume file'), { instanceOf: UsageError });
    t.truthy(error?.hint);
  });
}

// ---------------------------------------------------------------- --out checks and the lock

test('checkWritable: an existing file only with --force; never a directory or a missing folder', async (t) => {
  const dir = await scratch(t);
  const existing = join(dir, 'r.csv');
  await writeFile(existing, 'x');
  t.throws(() => checkWritable(existing), { instanceOf: UsageError, message: /already exists/ });
  t.notThrows(() => checkWritable(existing, { force: true }));
  t.is(readFileSync(existing, 'utf8'), 'x', 'checking does not touch the file');
  await mkdir(join(dir, 'd.csv'));
  t.throws(() => checkWritable(join(dir, 'd.csv'), { force: true }), { instanceOf: UsageError, message: /is a directory/ });
  t.throws(() => checkWritable(join(dir, 'missing', 'r.csv')), { instanceOf: UsageError, message: /no such directory/ });
  t.notThrows(() => checkWritable(join(dir, 'new.csv')));
  t.false(existsSync(join(dir, 'new.csv')), 'no file is left behind by the check');
});

test('guardOut: --out naming a file the run reads is refused, by real path, even with --force', async (t) => {
  const dir = await scratch(t);
  const input = join(dir, 'in.csv');
  await writeFile(input, 'x');
  symlinkSync(input, join(dir, 'link.csv'));
  const reads = { inputs: [join(dir, 'link.csv')], what: 'input file', force: true };
  t.throws(() => guardOut(input, reads), { instanceOf: UsageError, message: /would overwrite the input file/ });
  t.throws(() => guardOut(join(dir, '.', 'in.csv'), { ...reads, inputs: [input] }), { message: /would overwrite the input file/ });
  t.notThrows(() => guardOut(join(dir, 'out.csv'), { ...reads, inputs: [input, '-'] }));
  t.is(readFileSync(input, 'utf8'), 'x');
});

test('lockOut: a second lock on the same --out is refused while the first holds; a stale lock is taken over', async (t) => {
  const out = join(await scratch(t), 'r.csv');
  const lock = lockOut(out);
  t.throws(() => lockOut(out), { instanceOf: UsageError, message: /being written by another run/ });
  lock.release();
  t.false(existsSync(`${out}.lock`));
  writeFileSync(`${out}.lock`, '999999999\n'); // no such process: left by a crash
  lockOut(out).release();
  t.false(existsSync(`${out}.lock`));
});

test('checkWritable: a folder that cannot be written is refused (as root too)', async (t) => {
  const dir = join(await scratch(t), 'ro');
  await mkdir(dir);
  chmodSync(dir, 0o555);
  const { execFileSync } = await import('node:child_process');
  // root ignores permission bits: make the folder immutable instead.
  const root = process.getuid?.() === 0;
  if (root) execFileSync('chattr', ['+i', dir]);
  t.teardown(() => {
    if (root) execFileSync('chattr', ['-i', dir]);
    chmodSync(dir, 0o755);
  });
  t.throws(() => checkWritable(join(dir, 'r.csv')), { instanceOf: UsageError, message: /not writable/ });
});

// ---------------------------------------------------------------- checking what an earlier run left unknown

test('checkUnknownRows: signing now and not before → created; not signing → sent again; no baseline or a failed read → still unknown', async (t) => {
  const signing = new Set(['ns0', 'ns2']);
  const calls: string[] = [];
  const api = {
    laneOf: (_s: string, action: string, region: string) => `${region} ${action}`,
    call: (_s: string, action: string, _r: string, params: Readonly<Record<string, unknown>>) => {
      const ns = String(params['NamespaceName']);
      calls.push(`${action} ${ns}`);
      if (ns === 'ns3') return Promise.resolve({ ok: false as const, code: 'InternalError', message: 'x', requestId: 'r' });
      return Promise.resolve({ ok: true as const, requestId: `d-${ns}`, response: { NamespaceList: signing.has(ns) ? [{ Name: ns }] : [] } });
    },
  };
  const item = (i: number, notSigningBefore: boolean) => ({ row: row(i), notSigningBefore, attempts: 2, startedAt: '2026-01-01T00:00:00.000Z' });
  const { checkUnknownRows } = await import('../src/services/check-unknown-rows.js');
  const checked = await checkUnknownRows(api, [item(0, true), item(1, true), item(2, false), item(3, true)], new AbortController().signal, () => Date.parse('2026-01-01T00:01:00Z'));
  const byLine = new Map(checked.settled.map((r) => [r.line, r]));
  t.like(byLine.get(2), { status: 'created', attempts: 2, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:01:00.000Z' });
  t.regex(byLine.get(2)?.ErrorMessage ?? '', /confirmed by a check.*d-ns0/);
  t.like(byLine.get(4), { status: 'failed', ErrorCode: 'OutcomeUnknown' });
  t.regex(byLine.get(4)?.ErrorMessage ?? '', /no baseline/);
  t.like(byLine.get(5), { status: 'failed', ErrorCode: 'OutcomeUnknown' });
  t.regex(byLine.get(5)?.ErrorMessage ?? '', /check failed \(InternalError\)/);
  t.deepEqual(checked.toSend.map((r) => r.line), [3]);
  t.deepEqual([...checked.notSigning], ['tcr-unit/ns1']);
  t.deepEqual(calls.sort(), ['DescribeNamespaces ns0', 'DescribeNamespaces ns1', 'DescribeNamespaces ns2', 'DescribeNamespaces ns3']);
});

test('checkUnknownRows: a lane whose reads hang holds back only its own checks, never another lane\'s', async (t) => {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const answered: string[] = [];
  // ap-guangzhou's reads hang until released; ap-shanghai's answer at once. Four pooled checks would all be stuck on the first.
  const api = {
    laneOf: (_s: string, action: string, region: string) => `${region} ${action}`,
    async call(_s: string, _action: string, region: string, params: Readonly<Record<string, unknown>>) {
      if (region === 'ap-guangzhou') await held;
      answered.push(`${region} ${String(params['NamespaceName'])}`);
      return { ok: true as const, requestId: 'd', response: { NamespaceList: [] } };
    },
  };
  const item = (r: PolicyRow) => ({ row: r, notSigningBefore: true, attempts: 1, startedAt: '2026-01-01T00:00:00.000Z' });
  const guangzhou = rowsOf(6).map(item);
  const shanghai = rowsOf(8).slice(6).map((r) => item({ ...r, region: 'ap-shanghai' }));
  const { checkUnknownRows } = await import('../src/services/check-unknown-rows.js');
  const checked = checkUnknownRows(api, [...guangzhou, ...shanghai], new AbortController().signal);
  for (let i = 0; i < 50 && answered.length < 2; i++) await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(answered, ['ap-shanghai ns6', 'ap-shanghai ns7']);
  release();
  t.deepEqual((await checked).toSend.map((r) => r.line), [2, 3, 4, 5, 6, 7, 8, 9]);
});
