import test from 'ava';
import type { BatchEvent } from '../src/core/batch-events.js';
import {
  initialDashboardState, reduceDashboard, reduceDashboardEvents, type DashboardState,
} from '../src/ui/dashboard-state.js';
import { endEvent, progressEvent, rowResult, startEvent } from './helpers/dashboard-helpers.js';

const fold = (events: readonly BatchEvent[]): DashboardState => events.reduce(reduceDashboard, initialDashboardState());
const start = startEvent({ total: 3 });
const rowStart = (line: number, attempt = 1): BatchEvent => ({ type: 'row-start', line, key: `tcr-abc123/ns-${line}`, attempt });
const retry = (line: number, attempt: number): BatchEvent =>
  ({ type: 'row-retry', line, key: `tcr-abc123/ns-${line}`, attempt, errorCode: 'RequestLimitExceeded', delayMs: 400 });
const failed = rowResult(3, 'failed', { ErrorCode: 'InvalidParameter.ErrorTcrInvalidParameter', ErrorMessage: 'bad ns', RequestId: 'req-3' });

const cases: ReadonlyArray<{ name: string; events: BatchEvent[]; expect: (s: DashboardState) => unknown; want: unknown }> = [
  { name: 'nothing yet: no run, nothing in flight', events: [], expect: (s) => [s.run, s.inFlight.length], want: [undefined, 0] },
  { name: 'plan keeps the preflight counts', events: [{ type: 'plan', counts: { create: 3, skip: 1, blocked: 0 }, blocked: [], skipped: [], readCalls: {} }],
    expect: (s) => s.plan, want: { create: 3, skip: 1, blocked: 0 } },
  { name: 'start records the run and the total', events: [start],
    expect: (s) => [s.run?.endpoint, s.run?.rate, s.run?.dryRun, s.progress.total], want: ['https://tcr.tencentcloudapi.com', 20, false, 3] },
  { name: 'row-start puts the row in flight', events: [start, rowStart(2), rowStart(3)],
    expect: (s) => s.inFlight.map((r) => [r.line, r.attempt]), want: [[2, 1], [3, 1]] },
  { name: 'row-retry marks the row waiting with code and delay', events: [start, rowStart(2), retry(2, 1)],
    expect: (s) => s.inFlight[0]?.waiting, want: { errorCode: 'RequestLimitExceeded', delayMs: 400 } },
  { name: 'the next attempt clears the wait and remembers why', events: [start, rowStart(2), retry(2, 1), rowStart(2, 2)],
    expect: (s) => [s.inFlight.length, s.inFlight[0]?.attempt, s.inFlight[0]?.waiting, s.inFlight[0]?.retryAfter],
    want: [1, 2, undefined, 'RequestLimitExceeded'] },
  { name: 'row-done takes the row out of flight and appends it to the finished list',
    events: [start, rowStart(2), rowStart(3), { type: 'row-done', result: rowResult(2, 'created') }],
    expect: (s) => [s.inFlight.map((r) => r.line), s.finished.map((f) => [f.seq, f.result.line])], want: [[3], [[0, 2]]] },
  { name: 'row-done counts the status before the next progress event',
    events: [start, { type: 'row-done', result: rowResult(2, 'created') }, { type: 'row-done', result: failed }],
    expect: (s) => [s.progress.done, s.progress.counts.created, s.progress.counts.failed], want: [2, 1, 1] },
  { name: 'failed and blocked (invalid) rows go to the attention list; created, skipped and not-sent do not', events: [start,
    { type: 'row-done', result: rowResult(2, 'created') }, { type: 'row-done', result: failed },
    { type: 'row-done', result: rowResult(4, 'not-sent') }, { type: 'row-done', result: rowResult(5, 'skipped') },
    { type: 'row-done', result: rowResult(6, 'invalid', { ErrorCode: 'Blocked.KeyUsage' }) }],
    expect: (s) => s.failures.map((r) => r.line), want: [3, 6] },
  { name: 'a run still listing: the total is counted until `listed`, then final',
    events: [startEvent({ total: 0, counting: true }), progressEvent(0, 100, {}, { counting: true })],
    expect: (s) => [s.progress.total, s.progress.counting], want: [100, true] },
  { name: 'while counting, finished rows past the known total raise it instead of being held at it',
    events: [startEvent({ total: 1, counting: true }), { type: 'row-done', result: rowResult(2, 'skipped') }, { type: 'row-done', result: rowResult(3, 'skipped') }],
    expect: (s) => [s.progress.done, s.progress.total], want: [2, 2] },
  { name: '`listed` makes the total final',
    events: [startEvent({ total: 0, counting: true }), progressEvent(0, 100, {}, { counting: true }), { type: 'listed', total: 150, settled: 50 }],
    expect: (s) => [s.progress.total, s.progress.counting], want: [200, false] },
  { name: 'a note travels with the finished row', events: [start, { type: 'row-done', result: rowResult(2, 'skipped'), note: 'already signing' }],
    expect: (s) => s.finished[0]?.note, want: 'already signing' },
  { name: 'progress is authoritative over the optimistic counts',
    events: [start, { type: 'row-done', result: rowResult(2, 'created') }, progressEvent(2, 3, { created: 1, skipped: 1 }, { paused: true })],
    expect: (s) => [s.progress.done, s.progress.counts.skipped, s.progress.paused, s.progress.etaMs], want: [2, 1, true, 42_000] },
  { name: 'stopping records why', events: [start, { type: 'stopping', reason: 'auth-failure' }],
    expect: (s) => s.stopping, want: { reason: 'auth-failure' } },
  { name: 'end completes the bar, clears flight and the ETA', events: [start, rowStart(2), progressEvent(1, 3), endEvent({ created: 3 })],
    expect: (s) => [s.end, s.inFlight.length, s.progress.done, s.progress.etaMs, s.progress.counts.created],
    want: [{ elapsedMs: 125_000, interrupted: false }, 0, 3, undefined, 3] },
  { name: 'an interrupted end keeps the real done count', events: [start, progressEvent(1, 3), endEvent({ created: 1, 'not-sent': 2 }, true)],
    expect: (s) => [s.end?.interrupted, s.progress.done, s.progress.counts['not-sent']], want: [true, 1, 2] },
];

for (const c of cases) {
  test(`reducer: ${c.name}`, (t) => {
    t.deepEqual(c.expect(fold(c.events)), c.want);
  });
}

test('reducer: folding a batch equals folding event by event', (t) => {
  const events = cases.flatMap((c) => c.events);
  t.deepEqual(reduceDashboardEvents(initialDashboardState(), events), fold(events));
});

test('reducer: never changes the state it is given', (t) => {
  const before = fold([start, rowStart(2)]);
  const snapshot = structuredClone(before);
  reduceDashboardEvents(before, [rowStart(3), { type: 'row-done', result: failed }, progressEvent(1, 3), endEvent()]);
  t.deepEqual(before, snapshot);
});

test('reducer: an empty batch (an idle spinner frame) returns the same state object', (t) => {
  const state = fold([start]);
  t.is(reduceDashboardEvents(state, []), state);
});

test('reducer: finished rows already shown keep their identity when more arrive', (t) => {
  const first = fold([start, { type: 'row-done', result: rowResult(2, 'created') }]);
  const second = reduceDashboard(first, { type: 'row-done', result: rowResult(3, 'created') });
  t.is(second.finished[0], first.finished[0]);
  t.deepEqual(second.finished.map((f) => f.seq), [0, 1]);
});
