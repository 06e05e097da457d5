// runBatch with a scripted fake API behind the real paced API, on an injected clock: no test waits on
// the wall clock (backoff, slow answers, the lanes' spacing and the progress ticks all use the fake one).
import test from 'ava';
import type { ApiOutcome } from '../src/core/api-outcome.js';
import type { BatchEvent } from '../src/core/batch-events.js';
import { exitCodeFor } from '../src/core/exit-code.js';
import { policyKey, type PolicyRow } from '../src/core/policy-row.js';
import { countStatuses, emptyCounts, identityOf, resultOf, type RowResult, type RowStatus } from '../src/core/result.js';
import type { TcrApi } from '../src/core/tcr-api.js';
import { CREATE_POLICY } from '../src/services/policy-operations.js';
import { runBatch, type RunBatchOptions } from '../src/services/engine/run-batch.js';
import { pacedApi, type TrafficOptions } from '../src/services/traffic/paced-api.js';
import { RunControl } from '../src/services/engine/run-control.js';
import type { ItemChunk } from '../src/services/engine/item-source.js';
import { fakeTime } from './helpers/fake-clock.js';

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

type Clock = ReturnType<typeof fakeTime>;
type Script = (call: Call, signal: AbortSignal | undefined, clock: Clock) => ApiOutcome | Promise<ApiOutcome>;

const ok = (requestId: string): ApiOutcome => ({ ok: true, requestId });
const fail = (code: string, requestId = '', httpStatus?: number): ApiOutcome =>
  ({ ok: false, code, message: `${code} from the fake`, requestId, ...(httpStatus ? { httpStatus } : {}) });

/** A TcrApi that answers from `script` and records every call. */
function fakeApi(script: Script, clock: Clock): TcrApi & { calls: Call[] } {
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
      return script(call, signal, clock);
    },
  };
}

/** Answers after `ms` of the clock, or `Aborted` as soon as the signal says so. */
async function slow(ms: number, outcome: ApiOutcome, signal: AbortSignal | undefined, clock: Clock): Promise<ApiOutcome> {
  if (signal?.aborted) return fail('Aborted');
  await clock.sleep(ms, signal);
  return signal?.aborted ? fail('Aborted') : outcome;
}

interface Run {
  readonly results: RowResult[];
  readonly interrupted: boolean;
  readonly sourceError?: unknown;
  readonly events: BatchEvent[];
  readonly control: RunControl;
  readonly api: ReturnType<typeof fakeApi>;
  readonly clock: Clock;
  /** The row-done event of each line. */
  done(line: number): Extract<BatchEvent, { type: 'row-done' }>;
}

/** Runs `rows` through runBatch on a fake clock, with no backoff delays; `during` gets the control and the live event list. */
async function run(
  rows: readonly PolicyRow[] | ((clock: Clock) => AsyncIterable<ItemChunk<PolicyRow, RowResult>>),
  script: Script,
  { concurrency, endpointOf = () => 'http://fake', ...options }: Partial<RunBatchOptions> & Partial<Pick<TrafficOptions, 'concurrency' | 'endpointOf'>> = {},
  during?: (control: RunControl, events: BatchEvent[], clock: Clock) => void,
): Promise<Run> {
  // Bottleneck hands a job over in one zero-delay timer; three rounds leave it room to spare.
  const clock = fakeTime({ settleRounds: 3 });
  const fake = fakeApi(script, clock);
  const lanes = { now: clock.now, sleep: clock.sleep, spacing: () => 0 };
  const api = Object.assign(pacedApi(fake, { writeRate: options.rate ?? 20, concurrency, endpointOf, account: 'unit', clock: lanes }), { calls: fake.calls });
  const control = new RunControl();
  const events: BatchEvent[] = [];
  const emit = (e: BatchEvent): void => {
    events.push(e);
    during?.(control, events, clock);
  };
  const outcome = await clock.runUntil(runBatch(typeof rows === 'function' ? rows(clock) : rows, {
    api, control, emit, endpoint: 'http://fake', rate: 20, maxAttempts: 5, random: () => 0, operation: CREATE_POLICY,
    now: clock.now, sleep: clock.sleep, every: clock.every, ...options,
  }));
  return {
    ...outcome, events, control, api, clock,
    done: (line) => events.find((e): e is Extract<BatchEvent, { type: 'row-done' }> => e.type === 'row-done' && e.result.line === line) as Extract<BatchEvent, { type: 'row-done' }>,
  };
}

const statuses = (results: readonly RowResult[]): Record<number, RowStatus> =>
  Object.fromEntries([...results].sort((a, b) => a.line - b.line).map((r) => [r.line, r.status]));
const creates = (api: { calls: Call[] }): Call[] => api.calls.filter((c) => c.action === 'CreateSignaturePolicy');
const starts = (events: readonly BatchEvent[]): number => events.filter((e) => e.type === 'row-start').length;

// Two lanes (one endpoint per region), the file grouped: every ap-guangzhou row, then every ap-shanghai row.
const byRegion: TrafficOptions['endpointOf'] = (_service, region) => `http://${region}`;
const grouped = (n: number): PolicyRow[] => rowsOf(2 * n).map((row, i) => (i < n ? row : { ...row, region: 'ap-shanghai' }));
const linesIn = (rows: readonly PolicyRow[], region: string): number[] => rows.filter((row) => row.region === region).map((row) => row.line);

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

test('stop() lets requests in flight finish and marks the rest not-sent', async (t) => {
  const r = await run(rowsOf(20), (_c, signal, clock) => slow(100, ok('late'), signal, clock), {}, (control, events) => {
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
  let returnedAt = 0;
  const r = await run(rowsOf(20), (_c, signal, clock) => slow(50, ok('late'), signal, clock), { rate: 2 }, (control, events, clock) => {
    if (events.at(-1)?.type === 'end') returnedAt = clock.now();
    if (starts(events) === 1 && !control.stopping) {
      stoppedAt = clock.now();
      control.stop();
    }
  });
  const drained = returnedAt - stoppedAt;
  t.deepEqual(countStatuses(r.results), { ...emptyCounts(), created: 1, 'not-sent': 19 });
  // One 50 ms request was in flight; at 2/s the queued rows would take seconds to come up one by one.
  t.true(drained <= 50, `runBatch returned ${drained} ms (of the clock) after stop()`);
});

test('a second stop() aborts requests in flight: they fail Aborted, the rest are not-sent, at once', async (t) => {
  let abortedAt = 0;
  let returnedAt = 0;
  const r = await run(rowsOf(20), (_c, signal, clock) => slow(10_000, ok('late'), signal, clock), { rate: 5 }, (control, events, clock) => {
    if (events.at(-1)?.type === 'end') returnedAt = clock.now();
    if (starts(events) === 2 && !control.stopping) {
      control.stop();
      // Once the second request is on its way.
      setImmediate(() => {
        abortedAt = clock.now();
        control.stop();
      });
    }
  });
  t.is(returnedAt - abortedAt, 0, 'runBatch returned at once (on the clock) after the abort');
  t.deepEqual(countStatuses(r.results), { ...emptyCounts(), failed: 2, 'not-sent': 18 });
  t.true(r.results.filter((x) => x.status === 'failed').every((x) => x.ErrorCode === 'Aborted'));
  t.true(r.interrupted);
  t.like(r.events.filter((e) => e.type === 'stopping').map((e) => (e.type === 'stopping' ? e.reason : '')), ['interrupt', 'abort']);
});

for (const [lanes, rows, options] of [['one lane', rowsOf(30), {}], ['two lanes', grouped(15), { endpointOf: byRegion }]] as const) {
  test(`${lanes}: pause() holds new starts until resume()`, async (t) => {
    let startsAtPause = -1;
    let pausedTicks = 0;
    let resumedAt = -1;
    const r = await run(rows, () => ok('fine'), { rate: 20, ...options }, (control, events) => {
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
}

test('rows settled before sending are reported first and never sent', async (t) => {
  const [a, b] = rowsOf(2) as [PolicyRow, PolicyRow];
  const settled = [resultOf(identityOf(a), 'skipped', { RequestId: 'earlier' })];
  const r = await run([b], () => ok('now'), { settled });
  t.deepEqual(statuses(r.results), { 2: 'skipped', 3: 'created' });
  t.deepEqual(creates(r.api).map((c) => c.params['NamespaceName']), ['ns1']);
  t.like(r.events.find((e) => e.type === 'row-done'), { result: { line: 2, status: 'skipped' } });
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
  let stoppedAt = -1;
  const r = await run(rowsOf(3), (c) => (c.params['NamespaceName'] === 'ns0' ? fail('RequestLimitExceeded', 'busy') : ok('fine')), { random: () => 0.99, concurrency: 1 }, (control, events, clock) => {
    if (events.some((e) => e.type === 'row-retry') && !control.stopping) {
      stoppedAt = clock.now();
      control.stop();
    }
  });
  t.like(r.results.find((x) => x.line === 2), { status: 'failed', ErrorCode: 'RequestLimitExceeded', attempts: 1 });
  t.is(creates(r.api).length, 1, 'nothing started after the stop');
  t.true(r.interrupted);
  // Random 0.99 of a 500 ms throttle backoff: 495 ms, had the stop not ended the wait (the progress tick at 250 ms may pass).
  t.true(r.clock.now() - stoppedAt < 495, `the run ended ${r.clock.now() - stoppedAt} ms after the stop; the backoff was 495 ms`);
});

/** Runs `rows` at 2/s per lane with 100 ms answers, noting when (on the clock) each line started and the run ended. */
async function timed(rows: readonly PolicyRow[], options: Partial<RunBatchOptions> & Partial<Pick<TrafficOptions, 'endpointOf'>> = {}) {
  const startedAt = new Map<number, number>();
  let endedAt = 0;
  const r = await run(rows, (_c, signal, clock) => slow(100, ok('fine'), signal, clock), { rate: 2, ...options }, (_control, events, clock) => {
    const last = events.at(-1);
    if (last?.type === 'row-start') startedAt.set(last.line, clock.now());
    if (last?.type === 'end') endedAt = clock.now();
  });
  return { ...r, startedAt, endedAt, startsOf: (lines: readonly number[]) => lines.map((line) => startedAt.get(line) ?? NaN) };
}

test('rows grouped by lane: the second lane starts before the first lane\'s last row, and the run takes no longer than one lane alone', async (t) => {
  const rows = grouped(10);
  const r = await timed(rows, { endpointOf: byRegion });
  const gz = r.startsOf(linesIn(rows, 'ap-guangzhou'));
  const sh = r.startsOf(linesIn(rows, 'ap-shanghai'));
  t.true(Math.min(...sh) < Math.max(...gz), `ap-shanghai first started at ${Math.min(...sh)} ms, ap-guangzhou last at ${Math.max(...gz)} ms`);
  // Within a lane, rows start in the order of the file.
  t.deepEqual(gz, [...gz].sort((a, b) => a - b));
  t.deepEqual(sh, [...sh].sort((a, b) => a - b));
  const alone = await timed(rowsOf(10), { endpointOf: byRegion });
  t.true(r.endedAt <= alone.endedAt, `two lanes of 10 rows took ${r.endedAt} ms (of the clock); one lane of 10 alone, ${alone.endedAt} ms`);
  t.deepEqual(countStatuses(r.results), { ...emptyCounts(), created: 20 });
});

test('two lanes: a first stop() holds every unstarted row of both lanes; a second aborts the rows in flight of both', async (t) => {
  const rows = grouped(10);
  const startedLines = (events: readonly BatchEvent[]): number[] => events.flatMap((e) => (e.type === 'row-start' ? [e.line] : []));
  const first = await run(rows, (_c, signal, clock) => slow(100, ok('late'), signal, clock), { endpointOf: byRegion, rate: 2 }, (control, events) => {
    if (starts(events) === 3 && !control.stopping) control.stop();
  });
  const started = startedLines(first.events);
  t.is(started.length, 3, 'nothing started after the stop');
  t.true(started.some((line) => linesIn(rows, 'ap-shanghai').includes(line)), 'the second lane had started');
  for (const x of first.results) t.is(x.status, started.includes(x.line) ? 'created' : 'not-sent', `line ${x.line}`);

  const second = await run(rows, (_c, signal, clock) => slow(10_000, ok('late'), signal, clock), { endpointOf: byRegion, rate: 2 }, (control, events) => {
    if (starts(events) === 2 && !control.stopping) {
      control.stop();
      setImmediate(() => control.stop());
    }
  });
  const cut = startedLines(second.events);
  t.deepEqual(cut.map((line) => rows.find((row) => row.line === line)?.region).sort(), ['ap-guangzhou', 'ap-shanghai']);
  for (const x of second.results) t.like(x, cut.includes(x.line) ? { status: 'failed', ErrorCode: 'Aborted' } : { status: 'not-sent' }, `line ${x.line}`);
  t.is(second.results.length, 20);
});

// A source still growing (a listing still paging): chunks of rows on the fake clock, `gapMs` apart.
interface Listing {
  /** When (on the clock) each row arrived, by line. */
  readonly arrivedAt: Map<number, number>;
  endedAt: number | undefined;
  source(clock: Clock): AsyncIterable<ItemChunk<PolicyRow, RowResult>>;
}

function listing(rows: readonly PolicyRow[], perChunk: number, gapMs: number, o: { settled?: (row: PolicyRow) => RowResult | undefined; failAfter?: number } = {}): Listing {
  const l: Listing = {
    arrivedAt: new Map(),
    endedAt: undefined,
    async *source(clock) {
      for (let i = 0; i < rows.length; i += perChunk) {
        await clock.sleep(gapMs);
        if (o.failAfter !== undefined && i >= o.failAfter) throw new Error('DescribeImages failed');
        const chunk = rows.slice(i, i + perChunk);
        for (const row of chunk) l.arrivedAt.set(row.line, clock.now());
        const settled = chunk.map((row) => o.settled?.(row)).filter((r): r is RowResult => r !== undefined);
        yield { toSend: chunk.filter((row) => !settled.some((r) => r.line === row.line)), settled };
      }
      l.endedAt = clock.now();
    },
  };
  return l;
}


test('a growing source: the first row starts before the source has ended, every row is sent once, and the total grows until `listed`', async (t) => {
  const l = listing(rowsOf(20), 4, 1000);
  let firstStart: number | undefined;
  const r = await run((clock) => l.source(clock), () => ok('fine'), {}, (_control, events, clock) => {
    if (firstStart === undefined && events.at(-1)?.type === 'row-start') firstStart = clock.now();
  });
  t.deepEqual(countStatuses(r.results), { ...emptyCounts(), created: 20 });
  t.is(creates(r.api).length, 20);
  t.true(firstStart !== undefined && l.endedAt !== undefined && firstStart < l.endedAt, `first start at ${firstStart} ms, source ended at ${l.endedAt} ms`);
  t.like(r.events.find((e) => e.type === 'start'), { total: 0, counting: true });
  const totals = r.events.flatMap((e) => (e.type === 'progress' && e.counting ? [e.total] : []));
  t.true(totals.includes(4) && totals.includes(16), `totals while counting: ${totals.join(', ')}`);
  t.deepEqual(totals, [...totals].sort((a, b) => a - b), 'the total only grows');
  const listed = r.events.findIndex((e) => e.type === 'listed');
  t.like(r.events[listed], { total: 20, settled: 0 });
  t.false(r.events.slice(listed).some((e) => e.type === 'progress' && e.counting), 'once listed, the total is final');
});

test('a growing source: items the plan settled are reported as they arrive and never sent', async (t) => {
  const l = listing(rowsOf(12), 4, 500, { settled: (row) => (row.line % 3 === 0 ? resultOf(identityOf(row), 'skipped') : undefined) });
  const r = await run((clock) => l.source(clock), () => ok('fine'));
  t.deepEqual(countStatuses(r.results), { ...emptyCounts(), created: 8, skipped: 4 });
  t.true(creates(r.api).every((c) => Number(String(c.params['NamespaceName']).slice(2)) % 3 !== 1), 'no skipped row sent');
  t.like(r.events.find((e) => e.type === 'listed'), { total: 8, settled: 4 });
});

test('stop while the source is still producing: rows in flight finish, and every row not started, those arriving after the stop too, is not-sent', async (t) => {
  const l = listing(rowsOf(20), 4, 1000);
  let stoppedAt = -1;
  const r = await run((clock) => l.source(clock), (_c, signal, clock) => slow(100, ok('late'), signal, clock), {}, (control, events, clock) => {
    if (starts(events) === 3 && !control.stopping) {
      stoppedAt = clock.now();
      control.stop();
    }
  });
  const started = new Set(r.events.flatMap((e) => (e.type === 'row-start' ? [e.line] : [])));
  t.is(started.size, 3);
  t.is(r.results.length, 20, 'every row the source gave has a result');
  for (const x of r.results) t.is(x.status, started.has(x.line) ? 'created' : 'not-sent', `line ${x.line}`);
  const late = [...l.arrivedAt].filter(([, at]) => at > stoppedAt).map(([line]) => line);
  t.true(late.length >= 12, `${late.length} rows arrived after the stop`);
  t.is(creates(r.api).length, 3);
  t.true(r.interrupted);
});

test('pause while the source grows: rows arriving during the pause wait until resume()', async (t) => {
  const l = listing(rowsOf(12), 3, 400);
  let startsWhilePaused = 0;
  let paused = false;
  const r = await run((clock) => l.source(clock), () => ok('fine'), {}, (control, events) => {
    const last = events.at(-1);
    if (!paused && last?.type === 'start') {
      control.pause();
      paused = true;
    }
    if (control.paused && last?.type === 'row-start') startsWhilePaused += 1;
    if (control.paused && last?.type === 'listed') control.resume();
  });
  t.is(startsWhilePaused, 0);
  t.deepEqual(countStatuses(r.results), { ...emptyCounts(), created: 12 });
});

test('a source that fails: the run stops (listing-failed), what it found is sent or not-sent, and the error is returned', async (t) => {
  const l = listing(rowsOf(12), 4, 1000, { failAfter: 8 });
  const r = await run((clock) => l.source(clock), () => ok('fine'));
  t.is(r.results.length, 8);
  t.deepEqual(countStatuses(r.results), { ...emptyCounts(), created: 8 });
  t.is((r.sourceError as Error).message, 'DescribeImages failed');
  t.like(r.events.find((e) => e.type === 'stopping'), { reason: 'listing-failed' });
  t.false(r.interrupted);
  t.false(r.events.some((e) => e.type === 'listed'));
});

test('a second stop() cuts a source that is still producing: the run ends at once, without waiting for it', async (t) => {
  const l = listing(rowsOf(40), 2, 5000);
  let abortedAt = 0;
  let returnedAt = 0;
  const r = await run((clock) => l.source(clock), (_c, signal, clock) => slow(10_000, ok('late'), signal, clock), {}, (control, events, clock) => {
    if (events.at(-1)?.type === 'end') returnedAt = clock.now();
    if (starts(events) === 1 && !control.stopping) {
      control.stop();
      setImmediate(() => {
        abortedAt = clock.now();
        control.stop();
      });
    }
  });
  t.is(returnedAt - abortedAt, 0);
  t.is(l.endedAt, undefined, 'the source was not read to its end');
  t.true(r.results.length < 40);
  t.like(r.results.find((x) => x.status === 'failed'), { ErrorCode: 'Aborted' });
});

test('an array of rows: the start event is not counting and no `listed` follows (batch and rollback as before)', async (t) => {
  const r = await run(rowsOf(3), () => ok('fine'));
  const start = r.events.find((e) => e.type === 'start');
  t.like(start, { total: 3 });
  t.false(start !== undefined && 'counting' in start);
  t.false(r.events.some((e) => e.type === 'listed' || (e.type === 'progress' && e.counting)));
});
