import test from 'ava';
import { render } from 'ink-testing-library';
import { Dashboard } from '../src/ui/Dashboard.js';
import { FULL_THEME } from '../src/ui/terminal-theme.js';
import {
  count, endEvent, fakeControls, fakeSource, plain, progressEvent, rowResult, startEvent, waitFor,
} from './helpers/dashboard-helpers.js';

function mount() {
  const source = fakeSource();
  const controls = fakeControls();
  const ink = render(<Dashboard source={source} controls={controls} theme={FULL_THEME} />);
  const frame = () => plain(ink.lastFrame());
  const until = (check: (frame: string) => boolean) => waitFor(() => check(frame()), frame);
  return { source, controls, ink, frame, until };
}

test('shows the run, the progress numbers and the counters', async (t) => {
  const { source, ink, frame, until } = mount();
  t.teardown(ink.unmount);
  source.emit(startEvent({ total: 10_000, regions: ['ap-guangzhou', 'ap-shanghai'] }));
  source.emit(progressEvent(1234, 10_000, { created: 1200, failed: 3, skipped: 31 }));
  await until((f) => f.includes('1234/10000'));
  const f = frame();
  t.regex(f, /LIVE · tcr\.tencentcloudapi\.com · ap-guangzhou, ap-shanghai · 20 req\/s/);
  t.true(f.includes('journal /tmp/tcr-sigpolicy-journal.jsonl'));
  t.regex(f, /█+░+ 1234\/10000 12% {2}19\.5\/s {2}elapsed 1m01s {2}ETA 42s/);
  t.regex(f, /\ncreated 1200 {2}failed 3 {2}skipped 31\n/);
  t.false(f.includes('PAUSED'));
});

test('a dry run says so in the header and counts dry-run rows', async (t) => {
  const { source, ink, until } = mount();
  t.teardown(ink.unmount);
  source.emit(startEvent({ dryRun: true, journal: undefined }), progressEvent(4, 10, { 'dry-run': 4 }));
  await until((f) => f.includes('DRY RUN') && f.includes('dry-run 4'));
  t.pass();
});

test('the preflight counts and a rollback action show in the header; deletions are counted', async (t) => {
  const { source, ink, frame, until } = mount();
  t.teardown(ink.unmount);
  source.emit({ type: 'plan', counts: { create: 7, skip: 2, blocked: 1 }, blocked: [], skipped: [], readCalls: {} });
  source.emit(startEvent({ total: 7, action: 'DeleteSignaturePolicy', doneStatus: 'deleted' }), progressEvent(0, 7));
  await until((f) => f.includes('0/7'));
  t.regex(frame(), /LIVE · DeleteSignaturePolicy · tcr\.tencentcloudapi\.com/);
  t.true(frame().includes('preflight: 7 to send, 2 already done, 1 blocked'));
  t.regex(frame(), /\ndeleted 0 {2}failed 0\n/);
});

test('finished rows appear once each, above the live area, and stay after more updates', async (t) => {
  const { source, ink, frame, until } = mount();
  t.teardown(ink.unmount);
  source.emit(startEvent(), { type: 'row-start', line: 2, key: 'tcr-abc123/ns-2', attempt: 1 });
  await until((f) => f.includes('L2 '));
  source.emit({ type: 'row-done', result: rowResult(2, 'created') }, progressEvent(1, 10, { created: 1 }));
  await until((f) => f.includes('req-2'));
  source.emit({ type: 'row-done', result: rowResult(3, 'created') }, progressEvent(2, 10, { created: 2 }));
  await until((f) => f.includes('req-3'));
  source.emit(progressEvent(2, 10, { created: 2 }, { elapsedMs: 90_000 }));
  await until((f) => f.includes('elapsed 1m30s'));
  const f = frame();
  t.is(count(f, 'tcr-abc123/ns-2 '), 1, f);
  t.is(count(f, 'req-2'), 1);
  t.is(count(f, 'req-3'), 1);
  t.regex(f, /✔ L2 +tcr-abc123\/ns-2 +created {2}req-2/);
  t.true(f.indexOf('req-3') < f.indexOf('LIVE'), 'finished rows sit above the header');
});

test('rows in flight have a turning spinner, their attempt and retry notes', async (t) => {
  const { source, ink, frame, until } = mount();
  t.teardown(ink.unmount);
  source.emit(startEvent(), { type: 'row-start', line: 5, key: 'tcr-abc123/ns-5', attempt: 1 },
    { type: 'row-start', line: 6, key: 'tcr-abc123/ns-6', attempt: 1 },
    { type: 'row-retry', line: 6, key: 'tcr-abc123/ns-6', attempt: 1, errorCode: 'RequestLimitExceeded', delayMs: 400 });
  await until((f) => f.includes('L6'));
  t.regex(frame(), /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] L5 +tcr-abc123\/ns-5 +attempt 1/);
  t.regex(frame(), /L6 +tcr-abc123\/ns-6 +attempt 1 failed: RequestLimitExceeded; retrying in 0\.4s/);
  const spinnerOf = (f: string) => /([⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]) L5/.exec(f)?.[1];
  const first = spinnerOf(frame());
  await until((f) => spinnerOf(f) !== undefined && spinnerOf(f) !== first);
  source.emit({ type: 'row-start', line: 6, key: 'tcr-abc123/ns-6', attempt: 2 });
  await until((f) => /L6 +tcr-abc123\/ns-6 +attempt 2 \(after RequestLimitExceeded\)/.test(f));
});

test('the live area shows a few rows in flight and counts the rest', async (t) => {
  const { source, ink, frame, until } = mount();
  t.teardown(ink.unmount);
  source.emit(startEvent({ total: 100 }));
  for (let line = 2; line < 22; line++) source.emit({ type: 'row-start', line, key: `tcr-abc123/ns-${line}`, attempt: 1 });
  await until((f) => f.includes('and 12 more in flight'));
  t.true(frame().includes('L9 '));
  t.false(frame().includes('L10 '));
});

test('at the end: the failed rows again in a table, the outcome, no keys', async (t) => {
  const { source, ink, frame, until } = mount();
  t.teardown(ink.unmount);
  const bad = (line: number, code: string, message: string) =>
    ({ type: 'row-done', result: rowResult(line, 'failed', { ErrorCode: code, ErrorMessage: message, RequestId: `req-f${line}` }) }) as const;
  source.emit(startEvent({ total: 3 }), { type: 'row-done', result: rowResult(2, 'created') },
    bad(3, 'InvalidParameter.ErrorTcrInvalidParameter', 'namespace ns-3 not found'), bad(4, 'UnsupportedOperation', 'no'));
  await until((f) => f.includes('UnsupportedOperation'));
  t.false(frame().includes('Needs attention'), 'no summary before the end');
  source.emit(endEvent({ created: 1, failed: 2 }));
  await until((f) => f.includes('Finished in 2m05s with 2 failed rows.'));
  const f = frame();
  const summary = f.slice(f.indexOf('Needs attention (2)'));
  // Beside a 41-cell ErrorCode, 100 columns leave the message under 40 cells, too few for the ids
  // messages quote: each row takes two lines, the message the whole second one, its RequestId beside it.
  t.regex(summary, /line +registry\/namespace +ErrorCode\n +message +RequestId\n/);
  t.regex(summary, /3 +tcr-abc123\/ns-3 +InvalidParameter\.ErrorTcrInvalidParameter\n +namespace ns-3 not found +req-f3\n/);
  t.regex(summary, /4 +tcr-abc123\/ns-4 +UnsupportedOperation\n +no +req-f4\n/);
  t.false(summary.includes('RequestIds are in the journal'), 'the RequestIds are on the screen');
  t.false(f.includes('? keys'));
  t.is(count(f, 'tcr-abc123/ns-3 '), 2, 'once as a finished row, once in the summary');
});

test('wide terminals get the RequestId column in the failure table', async (t) => {
  const { source, ink, until } = mount();
  t.teardown(ink.unmount);
  Object.defineProperty(ink.stdout, 'columns', { value: 160, configurable: true });
  ink.stdout.emit('resize');
  source.emit(startEvent({ total: 1 }),
    { type: 'row-done', result: rowResult(2, 'failed', { ErrorCode: 'ResourceNotFound', ErrorMessage: 'gone', RequestId: 'req-f2' }) },
    endEvent({ failed: 1 }));
  await until((f) => /2 +tcr-abc123\/ns-2 +ResourceNotFound +gone +req-f2/.test(f));
  t.pass();
});

test('a stream of events is drawn at most about 15 times a second', async (t) => {
  const { source, ink, until } = mount();
  t.teardown(ink.unmount);
  source.emit(startEvent({ total: 2000 }));
  await until((f) => f.includes('0/2000'));
  const framesBefore = ink.frames.length;
  const startedAt = Date.now();
  for (let done = 1; done <= 2000; done++) {
    source.emit(progressEvent(done, 2000));
    if (done % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await until((f) => f.includes('2000/2000'));
  const elapsed = Date.now() - startedAt;
  const frames = ink.frames.length - framesBefore;
  t.true(frames <= Math.ceil(elapsed / 66) + 2, `${frames} frames in ${elapsed} ms for 2000 events`);
});
