import test from 'ava';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import type { BatchEvent } from '../src/core/batch-events.js';
import { useLanguage } from '../src/i18n/messages.js';
import { Dashboard } from '../src/ui/Dashboard.js';
import { FULL_THEME } from '../src/ui/terminal-theme.js';
import { endEvent, fakeControls, fakeSource, plain, progressEvent, rowResult, startEvent, waitFor } from './helpers/dashboard-helpers.js';

const reason = '实例 tcr-abc123 中不存在命名空间 ns-3；请先创建它，或更正 NamespaceName 列';
const requestId = '3f9c1d2e-8b7a-4c6d-9e0f-1a2b3c4d5e6f';

function scenario(): BatchEvent[] {
  return [
    { type: 'plan', counts: { create: 9_990, skip: 6, blocked: 4 }, blocked: [], skipped: [], readCalls: { DescribeInstances: 1 } },
    startEvent({ total: 10_000, regions: ['ap-guangzhou', 'ap-shanghai', 'ap-beijing'], journal: '/home/someone/work/runs/tcr-sigpolicy-journal.jsonl' }),
    { type: 'row-done', result: rowResult(2, 'created', { RequestId: requestId }) },
    { type: 'row-done', result: rowResult(3, 'failed', { ErrorCode: 'ResourceNotFound', ErrorMessage: reason, RequestId: requestId }) },
    { type: 'row-start', line: 4, key: 'tcr-abc123/payments', attempt: 1 },
    { type: 'row-retry', line: 4, key: 'tcr-abc123/payments', attempt: 1, errorCode: 'RequestLimitExceeded', delayMs: 1600 },
    progressEvent(1234, 10_000, { created: 1200, failed: 34 }),
  ];
}

function mount(columns: number) {
  const source = fakeSource();
  const ink = render(<Dashboard source={source} controls={fakeControls()} theme={FULL_THEME} />);
  Object.defineProperty(ink.stdout, 'columns', { value: columns, configurable: true });
  ink.stdout.emit('resize');
  const frame = () => plain(ink.lastFrame());
  // Finished rows are written once, through <Static>: they are in the frames written, not the last one.
  const written = () => ink.frames.map(plain).join('\n');
  return { source, ink, frame, written, until: (check: (f: string) => boolean) => waitFor(() => check(frame()), frame) };
}

/** Terminal cells, as the terminal counts them: a Chinese character takes two. */
const widest = (frame: string): number => Math.max(...frame.split('\n').map((line) => stringWidth(line)));

// The language is per process: these tests set it, one after the other.
test.afterEach.always(() => useLanguage('en'));

test.serial('the check below can fail: code points undercount a Chinese line, cells do not', (t) => {
  t.is([...'需要处理（1）'].length, 7);
  t.is(stringWidth('需要处理（1）'), 13);
});

for (const columns of [60, 100]) {
  test.serial(`the dashboard in Chinese at ${columns} columns: every line fits in cells, ids and codes as they are, the reason wraps whole`, async (t) => {
    await useLanguage('zh-CN');
    const { source, ink, frame, written, until } = mount(columns);
    t.teardown(ink.unmount);
    source.emit(...scenario());
    await until((f) => f.includes('1234/10000') && f.includes('L4') && / L3 /.test(f));
    const live = frame();
    t.true(widest(live) <= columns, live);
    t.regex(live, /^正式 · tcr\.tencentcloudapi\.com · ap-guangzhou(?: \+2|, ap-shanghai, ap-beijing) · 20 次\/秒$/m);
    t.regex(live, /预检：9990 个待发送，6 个已完成，4 个被拦下/);
    t.regex(written(), /✔ L2 +tcr-abc123\/ns-2 +created/);
    t.regex(written(), /✖ L3 +tcr-abc123\/ns-3 +ResourceNotFound/);
    t.true(widest(written()) <= columns, written());
    t.regex(live, columns < 80 ? /#1 1\.6s 后重试（Request/ : /第 1 次尝试失败：RequestLimitExceeded；1\.6s 后重试/);
    t.regex(live, /\? 按键/);
    source.emit(endEvent({ created: 1, failed: 1 }));
    await until((f) => f.includes('需要处理（1）'));
    const last = frame();
    t.true(widest(last) <= columns, last);
    t.regex(last, /\n行 +实例\/命名空间 +ErrorCode/);
    t.regex(last, /完成，用时 [^\n]+，1 行失败。/);
    // Wrapped or not, the whole reason is there: joined again (its RequestId beside it taken out) it reads as one sentence.
    const summary = last.slice(last.indexOf('需要处理'));
    t.true(summary.replace(requestId, '').replace(/\s+/g, '').includes(reason.replace(/\s+/g, '')), summary);
    if (columns >= 60) t.true(summary.includes(requestId), 'the RequestId whole, beside the reason or under it');
    t.notRegex(summary, /不存在命名空间[^\n]*…/, 'the reason is not cut');
  });
}

test.serial('stopping in Chinese: the reason in a few words and how to abort', async (t) => {
  await useLanguage('zh-CN');
  const { source, ink, until } = mount(60);
  t.teardown(ink.unmount);
  source.emit(startEvent(), { type: 'stopping', reason: 'auth-failure' });
  await until((f) => f.includes('凭证被拒绝；正在停止…（按 q 中止）'));
  t.pass();
});
