// runBatch with a scripted fake API, then table-driven tests of the engine's pure rules and its files.
import test from 'ava';
import type { ApiOutcome } from '../src/core/api-outcome.js';
import { backoffDelay } from '../src/core/backoff.js';
import type { BatchEvent } from '../src/core/batch-events.js';
import { classifyFailure, isRetryable, meansAlreadyExists, type FailureKind } from '../src/core/classify-error.js';
import { hintFor } from '../src/core/error-hints.js';
import { exitCodeFor } from '../src/core/exit-code.js';
import { policyKey, type PolicyRow } from '../src/core/policy-row.js';
import { countStatuses, emptyCounts, identityOf, resultOf, type RowResult, type RowStatus } from '../src/core/result.js';
import type { TcrApi } from '../src/core/tcr-api.js';
import { runBatch, type RunBatchOptions } from '../src/services/run-batch.js';
import { pacedApi } from '../src/services/traffic/paced-api.js';
import { RunControl } from '../src/services/run-control.js';
import { waitFor } from './helpers/engine-kit.js';

// ---------------------------------------------------------------- runBatch with a fake API

const KMS = '11111111-0000-4000-8000-00000000a001';

function rowsOf(n: number): PolicyRow[] {
  return Array.from({ length: n }, (_, i) => ({
    line: i + 2,
    region: 'ap-guangzhou',
    request: { RegistryId: 'tcr-unit', Name: `p${i}`, NamespaceName: `ns${i}`, KmsId: KMS, KmsRegion: 'ap-guangzhou' },
  }));
}

interface Call {
  readonly action: string;
  readonly region: string;
  readonly params: Record<string, unknown>;
  /** 1 for the first call of this action for this namespace, and so on. */
  readonly nth: number;
}

type Script = (call: Call, signal: AbortSignal | undefined) => ApiOutcome | Promise<ApiOutcome>;

const ok = (requestId: string): ApiOutcome => ({ ok: true, requestId });
const fail = (code: string, requestId = '', httpStatus?: number): ApiOutcome =>
  ({ ok: false, code, message: `${code} from the fake`, requestId, ...(httpStatus ? { httpStatus } : {}) });

/** A TcrApi that answers from `script` and records every call. */
function fakeApi(script: Script): TcrApi & { calls: Call[] } {
  const calls: Call[] = [];
  const seen = new Map<string, number>();
  return {
    calls,
    async call(_service, action, region, params, signal) {
      const p = params as Record<string, unknown>;
      const id = `${action} ${String(p['RegistryId'])}/${String(p['NamespaceName'])}`;
      const nth = (seen.get(id) ?? 0) + 1;
      seen.set(id, nth);
      const call = { action, region, params: p, nth };
      calls.push(call);
      return script(call, signal);
    },
  };
}

/** Answers after `ms`, or `Aborted` as soon as the signal says so. */
function slow(ms: number, outcome: ApiOutcome, signal: AbortSignal | undefined): Promise<ApiOutcome> {
  if (signal?.aborted) return Promise.resolve(fail('Aborted'));
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(outcome), ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve(fail('Aborted'));
    });
  });
}

interface Run {
  readonly results: RowResult[];
  readonly interrupted: boolean;
  readonly events: BatchEvent[];
  readonly control: RunControl;
  readonly api: ReturnType<typeof fakeApi>;
  /** The row-done event of each line. */
  done(line: number): Extract<BatchEvent, { type: 'row-done' }>;
}

/** Runs `rows` through runBatch with no backoff delays; `during` gets the control and the live event list. */
async function run(
  rows: readonly PolicyRow[],
  script: Script,
  { concurrency, ...options }: Partial<RunBatchOptions> & { readonly concurrency?: number } = {},
  during?: (control: RunControl, events: BatchEvent[]) => void,
): Promise<Run> {
  const fake = fakeApi(script);
  const api = Object.assign(pacedApi(fake, { writeRate: options.rate ?? 20, concurrency, endpointOf: () => 'http://fake', secretId: 'unit' }), { calls: fake.calls });
  const control = new RunControl();
  const events: BatchEvent[] = [];
  const emit = (e: BatchEvent): void => {
    events.push(e);
    during?.(control, events);
  };
  const outcome = await runBatch(rows, { api, control, emit, endpoint: 'http://fake', rate: 20, maxAttempts: 5, random: () => 0, ...options });
  return {
    ...outcome, events, control, api,
    done: (line) => events.find((e): e is Extract<BatchEvent, { type: 'row-done' }> => e.type === 'row-done' && e.result.line === line) as Extract<BatchEvent, { type: 'row-done' }>,
  };
}

const statuses = (results: readonly RowResult[]): Record<number, RowStatus> =>
  Object.fromEntries([...results].sort((a, b) => a.line - b.line).map((r) => [r.line, r.status]));
const creates = (api: { calls: Call[] }): Call[] => api.calls.filter((c) => c.action === 'CreateSignaturePolicy');
const starts = (events: readonly BatchEvent[]): number => events.filter((e) => e.type === 'row-start').length;

test('every row is sent once and ends created with the RequestId of its answer', async (t) => {
  const r = await run(rowsOf(6), (c) => ok(`req-${String(c.params['NamespaceName'])}`));
  t.deepEqual(r.results.map((x) => [x.line, x.status, x.RequestId, x.attempts]).sort(), rowsOf(6).map((row) => [row.line, 'created', `req-${row.request.NamespaceName}`, 1]));
  t.deepEqual(creates(r.api).map((c) => c.params), rowsOf(6).map((row) => row.request));
  t.is(exitCodeFor(countStatuses(r.results), r.interrupted), 0);
});

for (const code of ['AuthFailure.SignatureFailure', 'AuthFailure.SecretIdNotFound', 'AuthFailure.SignatureExpire', 'AuthFailure.InvalidSecretId']) {
  test(`${code} stops the run: later rows are not-sent, not failed one by one`, async (t) => {
    const r = await run(rowsOf(6), (c) => (c.params['NamespaceName'] === 'ns1' ? fail(code, 'auth-req') : ok('fine')), { concurrency: 1 });
    t.deepEqual(statuses(r.results), { 2: 'created', 3: 'failed', 4: 'not-sent', 5: 'not-sent', 6: 'not-sent', 7: 'not-sent' });
    t.like(r.results.find((x) => x.line === 3), { ErrorCode: code, RequestId: 'auth-req', attempts: 1 });
    t.is(creates(r.api).length, 2);
    t.false(r.interrupted);
    t.is(exitCodeFor(countStatuses(r.results), r.interrupted), 1);
    t.like(r.events.find((e) => e.type === 'stopping'), { reason: 'auth-failure' });
  });
}

const retryable: [string, ApiOutcome][] = [
  ['RequestLimitExceeded', fail('RequestLimitExceeded', 'throttled')],
  ['RequestLimitExceeded.UinLimitExceeded', fail('RequestLimitExceeded.UinLimitExceeded', 'throttled')],
  ['NetworkError', fail('NetworkError')],
  ['Timeout', fail('Timeout')],
  ['HttpError 503', fail('HttpError', '', 503)],
];

for (const [name, outcome] of retryable) {
  test(`${name} is retried up to --max-attempts, then the row fails with it`, async (t) => {
    const r = await run(rowsOf(1), () => outcome, { maxAttempts: 3 });
    t.is(creates(r.api).length, 3);
    t.like(r.results[0], { status: 'failed', ErrorCode: outcome.ok ? '' : outcome.code, attempts: 3 });
    t.deepEqual(r.events.filter((e) => e.type === 'row-retry').map((e) => (e.type === 'row-retry' ? e.attempt : 0)), [1, 2]);
  });

  test(`${name} twice, then an answer: the row is created on the third attempt`, async (t) => {
    const r = await run(rowsOf(1), (c) => (c.nth < 3 ? outcome : ok('third')), { maxAttempts: 8 });
    t.like(r.results[0], { status: 'created', RequestId: 'third', attempts: 3 });
  });
}

for (const code of ['InvalidParameter', 'InvalidParameter.ErrorTcrInvalidParameter', 'ResourceNotFound', 'UnsupportedOperation', 'InternalError.ErrorTcrUnauthorized']) {
  test(`${code} is never retried`, async (t) => {
    const r = await run(rowsOf(1), () => fail(code, 'answered'), { maxAttempts: 5 });
    t.is(creates(r.api).length, 1);
    t.like(r.results[0], { status: 'failed', ErrorCode: code, RequestId: 'answered', attempts: 1 });
  });
}

/** First attempt: no answer; second: "already exists"; the check answers `describe`. */
function unknownThenInUse(first: ApiOutcome, describe: ApiOutcome): Script {
  return (c) => {
    if (c.action === 'DescribeNamespaces') return describe;
    return c.nth === 1 ? first : fail('ResourceInUse', 'in-use');
  };
}
const signing = (names: string[]): ApiOutcome => ({ ok: true, requestId: 'describe', response: { NamespaceList: names.map((Name) => ({ Name })) } });

/** The preflight's baseline: no namespace signed before the run. */
const signedBeforeNone = { signingBefore: () => false };

test('no answer, then "already exists": it signs now and did not before the run, so the row is created with a note', async (t) => {
  const r = await run(rowsOf(1), unknownThenInUse(fail('NetworkError'), signing(['ns0'])), signedBeforeNone);
  t.like(r.results[0], { status: 'created', attempts: 2, RequestId: 'in-use' });
  t.regex(r.done(2).note ?? '', /DescribeNamespaces.*describe/);
  const check = r.api.calls.find((c) => c.action === 'DescribeNamespaces');
  t.like(check, { region: 'ap-guangzhou', params: { RegistryId: 'tcr-unit', NamespaceName: 'ns0', KmsSignPolicy: true } });
});

test('no answer, then "already exists", signing now but with no baseline of before the run: failed, never guessed', async (t) => {
  const r = await run(rowsOf(1), unknownThenInUse(fail('NetworkError'), signing(['ns0'])));
  t.like(r.results[0], { status: 'failed', ErrorCode: 'ResourceInUse', attempts: 2 });
  t.regex(r.done(2).note ?? '', /without a preflight baseline/);
});

test('no answer, then "already exists", for a namespace that signed before the run: failed, with no check', async (t) => {
  const r = await run(rowsOf(1), unknownThenInUse(fail('NetworkError'), signing(['ns0'])), { signingBefore: () => true });
  t.like(r.results[0], { status: 'failed', ErrorCode: 'ResourceInUse' });
  t.regex(r.done(2).note ?? '', /already had a signature policy before this run/);
  t.false(r.api.calls.some((c) => c.action === 'DescribeNamespaces'));
});

test('an HTTP 502, then "already exists", while the namespace does not sign: failed ResourceInUse with a note', async (t) => {
  const r = await run(rowsOf(1), unknownThenInUse(fail('HttpError', '', 502), signing(['other'])));
  t.like(r.results[0], { status: 'failed', ErrorCode: 'ResourceInUse', RequestId: 'in-use' });
  t.regex(r.done(2).note ?? '', /no signing policy/);
});

test('no answer, then "already exists", and the check itself fails: failed, never guessed', async (t) => {
  const r = await run(rowsOf(1), unknownThenInUse(fail('Timeout'), fail('InternalError', 'describe')));
  t.like(r.results[0], { status: 'failed', ErrorCode: 'ResourceInUse' });
  t.regex(r.done(2).note ?? '', /check failed/);
});

test('"already exists" with no earlier unknown outcome fails at once, with no check', async (t) => {
  const r = await run(rowsOf(1), () => fail('ResourceInUse', 'in-use'));
  t.like(r.results[0], { status: 'failed', ErrorCode: 'ResourceInUse', attempts: 1 });
  t.false(r.api.calls.some((c) => c.action === 'DescribeNamespaces'));
});

test('an unknown outcome in the earlier run (--resume) makes "already exists" checked too', async (t) => {
  const rows = rowsOf(1);
  const r = await run(rows, unknownThenInUse(fail('ResourceInUse', 'in-use'), signing(['ns0'])), {
    unknownBefore: new Set([policyKey(rows[0]!.request)]),
    ...signedBeforeNone,
  });
  t.like(r.results[0], { status: 'created', attempts: 1 });
});

test('a row confirmed by a check never cites the RequestId of a throttled attempt', async (t) => {
  const script: Script = (c) => {
    if (c.action === 'DescribeNamespaces') return signing(['ns0']);
    return [fail('RequestLimitExceeded', 'throttled'), fail('NetworkError'), fail('ResourceInUse', 'in-use')][c.nth - 1] ?? ok('late');
  };
  const r = await run(rowsOf(1), script, signedBeforeNone);
  t.like(r.results[0], { status: 'created', attempts: 3 });
  // The throttled answer says nothing happened; the "already exists" answer or the check is what confirms it.
  t.true(['in-use', 'describe'].includes(r.results[0]?.RequestId ?? ''), `RequestId ${r.results[0]?.RequestId}`);
});

test('a 502, then throttled to the last attempt: the row stays unknown (OutcomeUnknown), never a plain throttled failure', async (t) => {
  const script: Script = (c) => (c.nth === 1 ? fail('HttpError', 'bad-gateway', 502) : fail('RequestLimitExceeded', `throttled-${c.nth}`));
  const r = await run(rowsOf(1), script, { maxAttempts: 3 });
  t.like(r.results[0], { status: 'failed', ErrorCode: 'OutcomeUnknown', attempts: 3, RequestId: 'throttled-3' });
  t.regex(r.results[0]?.ErrorMessage ?? '', /no answer.*RequestLimitExceeded/);
});

test('no answer, then a final error: the row stays unknown; a final error alone stays itself', async (t) => {
  const script: Script = (c) => (c.nth === 1 ? fail('Timeout') : fail('InvalidParameter', 'refused'));
  const r = await run(rowsOf(1), script);
  t.like(r.results[0], { status: 'failed', ErrorCode: 'OutcomeUnknown', attempts: 2 });
  const plain = await run(rowsOf(1), () => fail('InvalidParameter', 'refused'));
  t.like(plain.results[0], { status: 'failed', ErrorCode: 'InvalidParameter', attempts: 1 });
});

test('a check that is throttled is retried in its lane: the row is created, never failed ResourceInUse', async (t) => {
  let checks = 0;
  const script: Script = (c) => {
    if (c.action === 'DescribeNamespaces') return ++checks === 1 ? fail('RequestLimitExceeded', 'busy') : signing(['ns0']);
    return c.nth === 1 ? fail('NetworkError') : fail('ResourceInUse', 'in-use');
  };
  const r = await run(rowsOf(1), script, signedBeforeNone);
  t.is(checks, 2);
  t.like(r.results[0], { status: 'created', attempts: 2 });
});

test('a first stop() ends a retry backoff at once: the row ends with its last error, not after the wait', async (t) => {
  // A backoff that only ends when the stop signal fires: without it, this test would never finish.
  const sleep = (_ms: number, signal: AbortSignal): Promise<void> =>
    new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
  const r = await run(rowsOf(3), (c) => (c.params['NamespaceName'] === 'ns0' ? fail('RequestLimitExceeded', 'busy') : ok('fine')), { sleep, concurrency: 1 }, (control, events) => {
    if (events.some((e) => e.type === 'row-retry') && !control.stopping) control.stop();
  });
  t.like(r.results.find((x) => x.line === 2), { status: 'failed', ErrorCode: 'RequestLimitExceeded', attempts: 1 });
  t.is(creates(r.api).length, 1, 'nothing started after the stop');
  t.true(r.interrupted);
});

test('stop() lets requests in flight finish and marks the rest not-sent', async (t) => {
  const r = await run(rowsOf(20), (_c, signal) => slow(100, ok('late'), signal), {}, (control, events) => {
    if (starts(events) === 3 && !control.stopping) control.stop();
  });
  const started = r.events.filter((e) => e.type === 'row-start').map((e) => (e.type === 'row-start' ? e.line : 0));
  t.is(started.length, 3);
  t.true(r.interrupted);
  t.is(exitCodeFor(countStatuses(r.results), r.interrupted), 130);
  t.is(r.results.length, 20);
  for (const x of r.results) t.is(x.status, started.includes(x.line) ? 'created' : 'not-sent', `line ${x.line}`);
});

test('stop() does not wait for queued rows to reach their turn at a slow rate', async (t) => {
  let stoppedAt = 0;
  const r = await run(rowsOf(20), (_c, signal) => slow(50, ok('late'), signal), { rate: 2 }, (control, events) => {
    if (starts(events) === 1 && !control.stopping) {
      stoppedAt = performance.now();
      control.stop();
    }
  });
  const drained = performance.now() - stoppedAt;
  t.deepEqual(countStatuses(r.results), { ...emptyCounts(), created: 1, 'not-sent': 19 });
  // One 50 ms request was in flight; at 2/s the queued rows would take seconds to come up one by one.
  t.true(drained < 1000, `runBatch returned ${Math.round(drained)} ms after stop()`);
});

test('a second stop() aborts requests in flight: they fail Aborted, the rest are not-sent, at once', async (t) => {
  let abortedAt = 0;
  const r = await run(rowsOf(20), (_c, signal) => slow(10_000, ok('late'), signal), { rate: 5 }, (control, events) => {
    if (starts(events) === 2 && !control.stopping) {
      control.stop();
      // Once the second request is on its way.
      setImmediate(() => {
        abortedAt = performance.now();
        control.stop();
      });
    }
  });
  t.true(performance.now() - abortedAt < 1000, `runBatch returned ${Math.round(performance.now() - abortedAt)} ms after the abort`);
  t.deepEqual(countStatuses(r.results), { ...emptyCounts(), failed: 2, 'not-sent': 18 });
  t.true(r.results.filter((x) => x.status === 'failed').every((x) => x.ErrorCode === 'Aborted'));
  t.true(r.interrupted);
  t.like(r.events.filter((e) => e.type === 'stopping').map((e) => (e.type === 'stopping' ? e.reason : '')), ['interrupt', 'abort']);
});

test('pause() holds new starts until resume()', async (t) => {
  const rows = rowsOf(30);
  let startsAtPause = -1;
  let pausedTicks = 0;
  let resumedAt = -1;
  const r = await run(rows, () => ok('fine'), { rate: 20 }, (control, events) => {
    const last = events[events.length - 1];
    if (startsAtPause < 0 && starts(events) === 3) {
      control.pause();
      startsAtPause = 3;
    }
    // The meter reports every 250 ms; after three paused reports the pause has held for half a second.
    if (last?.type === 'progress' && last.paused && ++pausedTicks === 3) {
      resumedAt = starts(events);
      control.resume();
    }
  });
  t.is(resumedAt, startsAtPause, `${resumedAt - startsAtPause} rows started while paused`);
  t.deepEqual(countStatuses(r.results), { ...emptyCounts(), created: 30 });
});

test('rows settled before sending are reported first and never sent', async (t) => {
  const [a, b] = rowsOf(2) as [PolicyRow, PolicyRow];
  const settled = [resultOf(identityOf(a), 'skipped', { RequestId: 'earlier' })];
  const r = await run([b], () => ok('now'), { settled });
  t.deepEqual(statuses(r.results), { 2: 'skipped', 3: 'created' });
  t.deepEqual(creates(r.api).map((c) => c.params['NamespaceName']), ['ns1']);
  t.like(r.events.find((e) => e.type === 'row-done'), { result: { line: 2, status: 'skipped' } });
});

// ---------------------------------------------------------------- classify-error

const kinds: [code: string, httpStatus: number | undefined, kind: FailureKind][] = [
  ['RequestLimitExceeded', undefined, 'throttled'],
  ['RequestLimitExceeded.UinLimitExceeded', undefined, 'throttled'],
  ['RequestLimitExceeded.GlobalRegionUinLimitExceeded', undefined, 'throttled'],
  ['RequestLimitExceededSoon', undefined, 'final'],
  ['NetworkError', undefined, 'unknown'],
  ['Timeout', undefined, 'unknown'],
  ['HttpError', 503, 'unknown'],
  ['HttpError', 502, 'unknown'],
  ['HttpError', undefined, 'unknown'],
  ['InternalError', 500, 'unknown'],
  ['AuthFailure.SignatureFailure', undefined, 'stop-run'],
  ['AuthFailure.SecretIdNotFound', undefined, 'stop-run'],
  ['AuthFailure.SignatureExpire', undefined, 'stop-run'],
  ['AuthFailure', undefined, 'stop-run'],
  ['InvalidParameter', undefined, 'final'],
  ['InvalidParameter.ErrorTcrInvalidParameter', undefined, 'final'],
  ['ResourceInUse', undefined, 'final'],
  ['ResourceNotFound', undefined, 'final'],
  ['UnauthorizedOperation', undefined, 'final'],
  ['InternalError', undefined, 'final'],
  ['FailedOperation.DependenceError', undefined, 'final'],
];

for (const [code, httpStatus, kind] of kinds) {
  test(`classifyFailure(${code}${httpStatus ? ` HTTP ${httpStatus}` : ''}) is ${kind}`, (t) => {
    t.is(classifyFailure({ code, httpStatus }), kind);
    t.is(isRetryable(kind), kind === 'throttled' || kind === 'unknown');
  });
}

test('meansAlreadyExists: ResourceInUse and its sub-codes only', (t) => {
  const table: [string, boolean][] = [['ResourceInUse', true], ['ResourceInUse.Policy', true], ['ResourceInUseX', false], ['ResourceNotFound', false], ['', false]];
  for (const [code, want] of table) t.is(meansAlreadyExists(code), want, code);
});

// ---------------------------------------------------------------- backoff

test('backoffDelay: full jitter below min(cap, base * 2^(attempt-1)), whole milliseconds', (t) => {
  const options = { baseMs: 400, capMs: 15_000 };
  const table: [attempt: number, ceiling: number][] = [[0, 400], [1, 400], [2, 800], [3, 1600], [6, 12_800], [7, 15_000], [40, 15_000]];
  for (const [attempt, ceiling] of table) {
    t.is(backoffDelay(attempt, options, () => 0), 0, `attempt ${attempt}, random 0`);
    t.is(backoffDelay(attempt, options, () => 0.5), ceiling / 2, `attempt ${attempt}, random 0.5`);
    t.is(backoffDelay(attempt, options, () => 0.999999), ceiling - 1, `attempt ${attempt}, random just below 1`);
  }
});

// ---------------------------------------------------------------- exit-code

test('exitCodeFor: 130 interrupted, 1 when a row failed, was not sent or invalid, else 0', (t) => {
  const table: [Partial<Record<RowStatus, number>>, boolean, number][] = [
    [{ created: 3 }, false, 0],
    [{ created: 1, skipped: 2, 'dry-run': 1 }, false, 0],
    [{}, false, 0],
    [{ created: 3, failed: 1 }, false, 1],
    [{ created: 3, 'not-sent': 1 }, false, 1],
    [{ created: 3, invalid: 1 }, false, 1],
    [{ created: 3 }, true, 130],
    [{ failed: 3 }, true, 130],
  ];
  for (const [counts, interrupted, code] of table) t.is(exitCodeFor({ ...emptyCounts(), ...counts }, interrupted), code, JSON.stringify(counts));
});

// ---------------------------------------------------------------- error-hints

test('hintFor gives a "try this" line for the codes users meet most', (t) => {
  const table: [string, RegExp | undefined][] = [
    ['AuthFailure.SecretIdNotFound', /TENCENTCLOUD_SECRET_ID/],
    ['AuthFailure.SignatureFailure', /TENCENTCLOUD_SECRET_KEY/],
    ['AuthFailure.SignatureExpire', /clock/],
    ['AuthFailure.TokenFailure', /credentials/],
    ['InternalError.ErrorTcrUnauthorized', /CAM/],
    ['UnauthorizedOperation', /CAM/],
    ['ResourceNotFound', /registry exists/],
    ['ResourceInUse', /already has a signature policy/],
    ['InvalidParameter.ErrorTcrInvalidParameter', /ASYMMETRIC_SIGN_VERIFY_RSA_2048/],
    ['RequestLimitExceeded.UinLimitExceeded', /--rate/],
    ['NetworkError', /--endpoint/],
    ['Timeout', /--endpoint/], // how to go on is the closing lines' Resume, not the hint's
    ['InternalError', undefined],
    ['SomethingNew', undefined],
  ];
  for (const [code, hint] of table) {
    if (hint) t.regex(hintFor(code) ?? '', hint, code);
    else t.is(hintFor(code), undefined, code);
  }
});

test('waitFor polls until the condition holds, and names what it waited for when it times out', async (t) => {
  let ready = false;
  setTimeout(() => (ready = true), 30);
  t.true(await waitFor(() => ready, 'the flag'));
  await t.throwsAsync(waitFor(() => false, 'never', { timeoutMs: 50 }), { message: /never/ });
});
