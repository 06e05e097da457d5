import test from 'ava';
import chalk from 'chalk';
import { render } from 'ink-testing-library';
import type { BatchEvent } from '../src/core/batch-events.js';
import { Dashboard } from '../src/ui/Dashboard.js';
import { FULL_THEME, resolveTheme, type TerminalTheme } from '../src/ui/terminal-theme.js';
import { ANSI, endEvent, fakeControls, fakeSource, plain, progressEvent, rowResult, startEvent, waitFor } from './helpers/dashboard-helpers.js';

// The worker's stdout is usually a pipe, so chalk would emit nothing and a "no escape codes"
// assertion could never fail. Force basic colour; the theme alone must keep NO_COLOR output clean.
chalk.level = 1;

const longMessage = 'The namespace does not exist in this instance; create it first or correct the NamespaceName column '.repeat(2);
const requestId = '3f9c1d2e-8b7a-4c6d-9e0f-1a2b3c4d5e6f';

function scenario(): BatchEvent[] {
  return [
    startEvent({ total: 10_000, regions: ['ap-guangzhou', 'ap-shanghai', 'ap-beijing'], journal: '/home/someone/work/runs/2024-06-01/tcr-sigpolicy-journal.jsonl' }),
    { type: 'row-done', result: rowResult(2, 'created', { RequestId: requestId }) },
    { type: 'row-done', result: rowResult(3, 'failed', { ErrorCode: 'InvalidParameter.ErrorTcrInvalidParameter', ErrorMessage: longMessage, RequestId: requestId }) },
    { type: 'row-start', line: 4, key: 'tcr-abc123/a-rather-long-namespace-name-here', attempt: 1 },
    { type: 'row-retry', line: 4, key: 'tcr-abc123/a-rather-long-namespace-name-here', attempt: 1, errorCode: 'RequestLimitExceeded.UinLimitExceeded', delayMs: 1600 },
    progressEvent(1234, 10_000, { created: 1200, failed: 34 }),
  ];
}

function mount(theme: TerminalTheme, columns?: number) {
  const source = fakeSource();
  const ink = render(<Dashboard source={source} controls={fakeControls()} theme={theme} />);
  if (columns !== undefined) {
    Object.defineProperty(ink.stdout, 'columns', { value: columns, configurable: true });
    ink.stdout.emit('resize');
  }
  const frame = () => plain(ink.lastFrame());
  return { source, ink, frame, until: (check: (f: string) => boolean) => waitFor(() => check(frame()), frame) };
}

const widest = (frame: string) => Math.max(...frame.split('\n').map((line) => [...line].length));

test('60 columns: every line fits, long values are cut in the middle, the reasons wrap in the summary', async (t) => {
  const { source, ink, frame, until } = mount(FULL_THEME, 60);
  t.teardown(ink.unmount);
  source.emit(...scenario());
  await until((f) => f.includes('1234/10000') && f.includes('L4') && /L3 /.test(f));
  const f = frame();
  t.true(widest(f) <= 60, f);
  t.regex(f, /ap-guangzhou \+2/, 'regions collapse to a count');
  t.regex(f, /1234\/10000 12% {2}ETA 42s/, 'rate and elapsed dropped, ETA kept');
  t.regex(f, /✔ L2 +tcr-abc123\/ns-2 +created {2}\w{8}…\w{4}\n/, 'the RequestId cut in the middle on a narrow finished row');
  t.regex(f, /✖ L3 +tcr-abc123\/ns-3 +InvalidParameter\.Error\w*…\n/, 'the code is cut, the message waits for the summary');
  t.regex(f, /L4 +tcr-abc123\/a…e-name-here {2}#1 retry in 1\.6s after \w*…\n/, 'key cut in the middle, its end kept; the retry note kept');
  source.emit(endEvent({ created: 1, failed: 1 }));
  await until((f2) => f2.includes('Needs attention (1)'));
  t.true(widest(frame()) <= 60, frame());
  t.regex(frame(), /3 +tcr-abc123\/ns-3 +InvalidParameter\.ErrorTcr\w*…\n +The namespace does not exist/);
  t.notRegex(frame().slice(frame().indexOf('Needs attention')), /does not exist[^\n]*…/, 'the reason wraps, it is not cut');
});

test('with colour, the same screen carries escape codes (so the NO_COLOR test can fail)', async (t) => {
  const { source, ink, until } = mount(FULL_THEME);
  t.teardown(ink.unmount);
  source.emit(...scenario());
  await until((f) => f.includes('1234/10000'));
  t.regex(ink.lastFrame() ?? '', ANSI);
});

test('NO_COLOR: no escape codes in any frame, Unicode glyphs kept', async (t) => {
  const { source, ink, frame, until } = mount(resolveTheme({ NO_COLOR: '1' }));
  t.teardown(ink.unmount);
  source.emit(...scenario());
  await until((f) => f.includes('1234/10000') && f.includes('L4') && /L3 /.test(f));
  source.emit(endEvent({ created: 1, failed: 1 }));
  await until((f) => f.includes('Finished in'));
  t.true(ink.frames.length > 1);
  for (const raw of ink.frames) t.notRegex(raw, ANSI);
  t.regex(frame(), /✔ L2/);
});

test('TERM=dumb: plain ASCII, no escape codes, ASCII bar, icons and spinner', async (t) => {
  const { source, ink, frame, until } = mount(resolveTheme({ TERM: 'dumb' }));
  t.teardown(ink.unmount);
  source.emit(...scenario());
  await until((f) => f.includes('1234/10000') && f.includes('L4') && /L3 /.test(f));
  const f = frame();
  for (const raw of ink.frames) t.notRegex(raw, ANSI);
  // Ink's own truncation always uses '…' (it exposes no option); everything the dashboard draws is ASCII.
  t.true([...f.replaceAll('…', '')].every((ch) => ch.charCodeAt(0) < 0x80), f);
  t.regex(f, /\[####-+\] 1234\/10000 12%/);
  t.regex(f, /\+ L2 .*created/);
  t.regex(f, /x L3 .*InvalidParameter/);
  t.regex(f, /[-\\|/] L4 /);
  t.regex(f, /LIVE \| tcr\.tencentcloudapi\.com \| /);
});
