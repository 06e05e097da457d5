import test from 'ava';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiOutcome } from '../src/core/api-outcome.js';
import type { BatchEvent } from '../src/core/batch-events.js';
import { UsageError } from '../src/core/errors.js';
import type { PolicyRow } from '../src/core/policy-row.js';
import { RESULT_COLUMNS } from '../src/core/result.js';
import type { TcrApi } from '../src/core/tcr-api.js';
import { DELETE_POLICY } from '../src/services/policy-operations.js';
import { readCreatedPolicies } from '../src/services/read-created-policies.js';
import { runBatch } from '../src/services/engine/run-batch.js';
import { pacedApi } from '../src/services/traffic/paced-api.js';
import { RunControl } from '../src/services/engine/run-control.js';
import { fakeTime } from './helpers/fake-clock.js';

const row = (line: number, NamespaceName: string): PolicyRow => ({
  line,
  region: 'ap-guangzhou',
  request: { RegistryId: 'tcr-rb01', Name: `${NamespaceName}-signing`, NamespaceName, KmsId: '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3', KmsRegion: 'ap-guangzhou' },
});

/** Answers each namespace's attempts in turn from a script; records what was sent. */
function scriptedApi(script: Readonly<Record<string, readonly ApiOutcome[]>>): TcrApi & { sent: { action: string; params: object }[] } {
  const attempts = new Map<string, number>();
  const sent: { action: string; params: object }[] = [];
  return {
    sent,
    call(_service, action, _region, params) {
      sent.push({ action, params });
      const ns = (params as { NamespaceName: string }).NamespaceName;
      const n = attempts.get(ns) ?? 0;
      attempts.set(ns, n + 1);
      const answers = script[ns] ?? [];
      return Promise.resolve(answers[Math.min(n, answers.length - 1)] ?? { ok: true, requestId: `ok-${ns}` });
    },
  };
}

const ok = (requestId: string): ApiOutcome => ({ ok: true, requestId });
const fail = (code: string, requestId = `r-${code}`): ApiOutcome => ({ ok: false, code, message: `${code} happened`, requestId });

test('runBatch with DELETE_POLICY: sends {RegistryId, NamespaceName}; deleted, skipped when gone, deleted after an unanswered attempt', async (t) => {
  const api = scriptedApi({
    a: [ok('del-a')],
    b: [fail('ResourceNotFound', 'gone-b')],
    c: [fail('NetworkError', ''), fail('ResourceNotFound', 'gone-c')],
    d: [fail('UnauthorizedOperation', 'denied-d')],
  });
  const events: BatchEvent[] = [];
  const clock = fakeTime({ settleRounds: 3 });
  const lanes = { now: clock.now, sleep: clock.sleep, spacing: () => 0 };
  const outcome = await clock.runUntil(runBatch([row(2, 'a'), row(3, 'b'), row(4, 'c'), row(5, 'd')], {
    api: pacedApi(api, { writeRate: 20, endpointOf: () => 'http://fake', account: 'unit', clock: lanes }), control: new RunControl(), emit: (e) => events.push(e), endpoint: 'http://127.0.0.1:1', rate: 20, maxAttempts: 3,
    operation: DELETE_POLICY, random: () => 0, now: clock.now, sleep: clock.sleep, every: clock.every,
  }));
  t.true(api.sent.every((s) => s.action === 'DeleteSignaturePolicy'));
  t.deepEqual(api.sent[0]?.params, { RegistryId: 'tcr-rb01', NamespaceName: 'a' });
  const byNs = new Map(outcome.results.map((r) => [r.NamespaceName, r]));
  t.like(byNs.get('a'), { status: 'deleted', RequestId: 'del-a', attempts: 1 });
  t.like(byNs.get('b'), { status: 'skipped', RequestId: 'gone-b', ErrorCode: '' });
  t.regex(byNs.get('b')?.ErrorMessage ?? '', /ResourceNotFound/);
  t.like(byNs.get('c'), { status: 'deleted', attempts: 2 });
  t.like(byNs.get('d'), { status: 'failed', ErrorCode: 'UnauthorizedOperation', RequestId: 'denied-d' });
  const done = events.filter((e): e is Extract<BatchEvent, { type: 'row-done' }> => e.type === 'row-done');
  t.regex(done.find((e) => e.result.NamespaceName === 'c')?.note ?? '', /no policy left/);
  const start = events.find((e): e is Extract<BatchEvent, { type: 'start' }> => e.type === 'start');
  t.is(start?.action, 'DeleteSignaturePolicy');
});

async function resultsFile(t: { teardown(fn: () => Promise<void>): void }, name: string, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tcr-rollback-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const record = (line: number, NamespaceName: string, status: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  line, Region: 'ap-guangzhou', RegistryId: 'tcr-rb01', NamespaceName, Name: `${NamespaceName}-signing`, KmsId: 'k', KmsRegion: '', Domain: 'img.example.com',
  Disabled: 'true', status, RequestId: '', ErrorCode: '', ErrorMessage: '', attempts: 1, startedAt: '', finishedAt: '', ...extra,
});

test('readCreatedPolicies keeps created rows only, as sent, in line order, each namespace once', async (t) => {
  const lines = [record(4, 'b', 'created'), record(2, 'a', 'created'), record(3, 'x', 'failed'), record(5, 'y', 'skipped'), record(6, 'z', 'invalid'), record(4, 'b', 'created')];
  const path = await resultsFile(t, 'r.journal.jsonl', lines.map((l) => JSON.stringify(l)).join('\n'));
  const { rows, others } = await readCreatedPolicies([path]);
  t.deepEqual(rows.map((r) => [r.line, r.request.NamespaceName]), [[2, 'a'], [4, 'b']]);
  t.is(others, 3);
  t.deepEqual(rows[0], {
    line: 2, region: 'ap-guangzhou',
    request: { RegistryId: 'tcr-rb01', Name: 'a-signing', NamespaceName: 'a', KmsId: 'k', KmsRegion: '', Domain: 'img.example.com', Disabled: true },
  });
});

test('readCreatedPolicies merges several files in order: a later deleted forgets, an intent last is counted unknown', async (t) => {
  const first = await resultsFile(t, 'a.jsonl', [record(2, 'a', 'created'), record(3, 'b', 'created'), record(4, 'c', 'failed', { ErrorCode: 'Aborted' })].map((l) => JSON.stringify(l)).join('\n'));
  const intent = { kind: 'intent', run: 'r2', input: 'f', key: 'tcr-rb01/d', line: 5, attempt: 1, at: '' };
  const second = await resultsFile(t, 'b.jsonl', [record(2, 'a', 'deleted'), record(6, 'e', 'created'), intent].map((l) => JSON.stringify(l)).join('\n'));
  const { rows, unknown } = await readCreatedPolicies([first, second]);
  t.deepEqual(rows.map((r) => r.request.NamespaceName), ['b', 'e']);
  t.is(unknown, 2);
});

test('readCreatedPolicies reads CSV exports too, and forgets a policy the same journal later records as deleted', async (t) => {
  const csv = [RESULT_COLUMNS.join(','), ...[record(2, 'a', 'created'), record(3, 'b', 'created')].map((r) => RESULT_COLUMNS.map((c) => String(r[c])).join(','))].join('\n');
  t.deepEqual((await readCreatedPolicies([await resultsFile(t, 'r.csv', csv)])).rows.map((r) => r.request.NamespaceName), ['a', 'b']);
  const journal = [record(2, 'a', 'created'), record(3, 'b', 'created'), record(2, 'a', 'deleted')].map((l) => JSON.stringify(l)).join('\n');
  t.deepEqual((await readCreatedPolicies([await resultsFile(t, 'r.jsonl', journal)])).rows.map((r) => r.request.NamespaceName), ['b']);
});

test('readCreatedPolicies refuses a created row that lacks what a delete needs, and files that are not results', async (t) => {
  const noRegion = await resultsFile(t, 'r.jsonl', JSON.stringify(record(2, 'a', 'created', { Region: '' })));
  await t.throwsAsync(readCreatedPolicies([noRegion]), { instanceOf: UsageError, message: /record 1: a created row without Region/ });
  const input = await resultsFile(t, 'p.csv', 'RegistryId,NamespaceName,Name,KmsId,KmsRegion\ntcr-rb01,a,a,k,\n');
  await t.throwsAsync(readCreatedPolicies([input]), { instanceOf: UsageError, message: /is not a results file/ });
});
