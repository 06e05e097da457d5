// A new kind of work in one file: a toy item (a tag) and a toy operation over it, run by the one
// engine (live and dry), journalled by key and exported with its own columns. Nothing here is a policy.
import test from 'ava';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiOutcome } from '../src/core/api-outcome.js';
import type { BatchEvent } from '../src/core/batch-events.js';
import { runDryRun } from '../src/core/dry-run.js';
import type { TcrApi } from '../src/core/tcr-api.js';
import { OUTCOME_COLUMNS, type ItemKind, type Outcome } from '../src/core/work-item.js';
import { runBatch } from '../src/services/engine/run-batch.js';
import type { RowOperation } from '../src/services/engine/operation.js';
import { RunControl } from '../src/services/engine/run-control.js';
import { exportResults } from '../src/services/export-results.js';
import { pacedApi } from '../src/services/traffic/paced-api.js';
import { fakeTime } from './helpers/fake-clock.js';

interface ToyTag { readonly n: number; readonly registry: string; readonly ns: string; readonly repo: string; readonly tag: string }
interface ToyResult extends Outcome {
  readonly line: number; readonly Region: string; readonly RegistryId: string; readonly NamespaceName: string; readonly Repo: string; readonly Tag: string;
}

const TOY_TAGS: ItemKind<ToyTag, ToyResult> = {
  identity: (x) => ({ line: x.n, Region: 'ap-toy', RegistryId: x.registry, NamespaceName: x.ns, Repo: x.repo, Tag: x.tag }),
  key: (id) => `${id.RegistryId}/${id.NamespaceName}/${id.Repo}:${id.Tag}`,
  label: (id) => `${id.NamespaceName}/${id.Repo}:${id.Tag}`,
  result: (id, status, o = {}) => ({ ...id, status, RequestId: o.RequestId ?? '', ErrorCode: o.ErrorCode ?? '', ErrorMessage: o.ErrorMessage ?? '', attempts: o.attempts ?? 0, startedAt: o.startedAt ?? '', finishedAt: o.finishedAt ?? '' }),
  columns: ['RegistryId', 'NamespaceName', 'Repo', 'Tag', ...OUTCOME_COLUMNS],
};

const confirmed: string[] = [];
const STAMP_TAG: RowOperation<ToyTag, ToyResult> = {
  item: TOY_TAGS,
  action: 'CreateSignature',
  verb: 'Stamp',
  body: (x) => ({ RegistryId: x.registry, NamespaceName: x.ns, RepositoryName: x.repo, ImageVersion: x.tag }),
  doneStatus: 'created',
  alreadyDone: (code) => code === 'ResourceInUse',
  alreadyDoneFirst: 'skipped',
  confirm(_api, x) {
    confirmed.push(x.tag);
    return Promise.resolve({ done: true, note: 'read back: stamped' });
  },
};

const tag = (n: number, t: string): ToyTag => ({ n, registry: 'tcr-toy', ns: 'apps', repo: 'images/debian', tag: t });

function scripted(script: Readonly<Record<string, readonly ApiOutcome[]>>): TcrApi & { sent: { service: string; action: string; params: Record<string, unknown> }[] } {
  const sent: { service: string; action: string; params: Record<string, unknown> }[] = [];
  const seen = new Map<string, number>();
  return {
    sent,
    call(service, action, _region, params) {
      const p = params as Record<string, unknown>;
      sent.push({ service, action, params: p });
      const k = String(p.ImageVersion);
      const n = seen.get(k) ?? 0;
      seen.set(k, n + 1);
      const answers = script[k] ?? [];
      return Promise.resolve(answers[Math.min(n, answers.length - 1)] ?? { ok: true, requestId: `ok-${k}` });
    },
  };
}

test('a toy operation over toy items runs through the one engine: body, key, label, settle, export', async (t) => {
  const api = scripted({ v2: [{ ok: false, code: 'ResourceInUse', message: 'done already', requestId: 'r-v2' }], v3: [{ ok: false, code: 'Timeout', message: 'no answer', requestId: '' }, { ok: false, code: 'ResourceInUse', message: 'done', requestId: 'r-v3' }] });
  const events: BatchEvent[] = [];
  const clock = fakeTime({ settleRounds: 3 });
  const lanes = { now: clock.now, sleep: clock.sleep, spacing: () => 0 };
  const intents: string[] = [];
  const outcome = await clock.runUntil(runBatch([tag(1, 'v1'), tag(2, 'v2'), tag(3, 'v3')], {
    api: pacedApi(api, { writeRate: 20, endpointOf: () => 'http://fake', account: 'unit', clock: lanes }), control: new RunControl(), emit: (e) => events.push(e),
    endpoint: 'http://fake', rate: 20, maxAttempts: 3, operation: STAMP_TAG, random: () => 0, now: clock.now, sleep: clock.sleep, every: clock.every,
    beforeAttempt: (x, attempt) => Promise.resolve(void intents.push(`${TOY_TAGS.key(TOY_TAGS.identity(x))}#${attempt}`)),
  }));
  t.deepEqual(api.sent[0], { service: 'tcr', action: 'CreateSignature', params: { RegistryId: 'tcr-toy', NamespaceName: 'apps', RepositoryName: 'images/debian', ImageVersion: 'v1' } });
  const by = new Map(outcome.results.map((r) => [r.Tag, r]));
  t.like(by.get('v1'), { status: 'created', RequestId: 'ok-v1', Repo: 'images/debian' });
  t.like(by.get('v2'), { status: 'skipped', RequestId: 'r-v2' });
  t.like(by.get('v3'), { status: 'created', attempts: 2 });
  t.deepEqual(confirmed, ['v3'], 'the unknown outcome was settled by the operation\'s own check');
  t.true(intents.includes('tcr-toy/apps/images/debian:v3#2'));
  const starts = events.filter((e) => e.type === 'row-start').map((e) => (e as { key: string }).key);
  t.true(starts.includes('tcr-toy/apps/images/debian:v1'));
  const labels = events.flatMap((e) => (e.type === 'row-done' ? [e.label] : []));
  t.deepEqual(labels.sort(), ['apps/images/debian:v1', 'apps/images/debian:v2', 'apps/images/debian:v3']);

  const dir = await mkdtemp(join(tmpdir(), 'toy-op-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await exportResults(join(dir, 'r.csv'), outcome.results, TOY_TAGS.columns);
  const csv = await readFile(join(dir, 'r.csv'), 'utf8');
  t.is(csv.split('\n')[0], 'RegistryId,NamespaceName,Repo,Tag,status,RequestId,ErrorCode,ErrorMessage,attempts,startedAt,finishedAt');
  t.regex(csv, /tcr-toy,apps,images\/debian,v1,created,ok-v1/);
});

test('the toy operation previews through the dry run with its action\'s version from the one table', (t) => {
  const events: BatchEvent[] = [];
  const results = [...runDryRun([tag(1, 'v1')], [], { endpoint: 'http://fake', rate: 20, onEvent: (e) => events.push(e), now: () => 0, operation: STAMP_TAG })];
  t.like(results[0], { status: 'dry-run', Tag: 'v1' });
  const done = events.find((e) => e.type === 'row-done');
  t.like(done, { label: 'apps/images/debian:v1', request: { action: 'CreateSignature', version: '2019-09-24', region: 'ap-toy' } });
});

test('an operation whose action is not in API_ACTIONS fails as a bug in the tool, never paced by guess', async (t) => {
  const api = scripted({});
  const clock = fakeTime({ settleRounds: 3 });
  const outcome = await clock.runUntil(runBatch([tag(1, 'v1')], {
    api: pacedApi(api, { writeRate: 20, endpointOf: () => 'http://fake', account: 'unit', clock: { now: clock.now, sleep: clock.sleep, spacing: () => 0 } }),
    control: new RunControl(), emit: () => undefined, endpoint: 'http://fake', rate: 20, maxAttempts: 1, operation: { ...STAMP_TAG, action: 'UnlistedAction' },
    now: clock.now, sleep: clock.sleep, every: clock.every,
  }).catch((error: unknown) => ({ error })));
  t.true('error' in outcome && /API_ACTIONS/.test(String((outcome as { error: Error }).error.message)));
  t.is(api.sent.length, 0);
});
