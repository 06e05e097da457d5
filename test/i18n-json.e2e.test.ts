import { PassThrough } from 'node:stream';
import test from 'ava';
import { useLanguage } from '../src/i18n/messages.js';
import { createJsonReporter } from '../src/ui/json-reporter.js';
import { runCli } from './helpers/run-cli.js';

type Line = Record<string, unknown> & { type: string };
const events = (stdout: string): Line[] => stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Line);
/** Keys an event has or not depending on timing (which row met the demo's faults), in either language. */
const OPTIONAL = new Set(['requestIds', 'note']);
/** What scripts read: every key, the type, the statuses, the codes; no human text. */
const shape = (e: Line): unknown => {
  const result = e.result as Record<string, unknown> | undefined;
  return { type: e.type, keys: Object.keys(e).filter((k) => !OPTIONAL.has(k)).sort(), ...(result ? { line: result.line, status: result.status, ErrorCode: result.ErrorCode, keysOfResult: Object.keys(result) } : {}) };
};

test('--json in Chinese: the same events, keys, statuses and codes as in English; only the human text is Chinese', async (t) => {
  const [en, zh] = await Promise.all([runCli(['demo', '--json']), runCli(['demo', '--json'], { env: { LANG: 'zh_CN.UTF-8' } })]);
  t.is(en.code, 0, en.stderr);
  t.is(zh.code, 0, zh.stderr);
  const [enEvents, zhEvents] = [events(en.stdout), events(zh.stdout)];
  const sorted = (list: Line[]) => list.map(shape).map((s) => JSON.stringify(s)).sort();
  // How many attempts a row takes depends on the machine's load (one more throttled retry), so
  // attempts are compared as kinds; every row's end is compared one for one.
  const kinds = (list: Line[]) => [...new Set(sorted(list))];
  const ends = (list: Line[]) => sorted(list.filter((e) => e.type !== 'row-start' && e.type !== 'row-retry' && e.type !== 'progress'));
  t.deepEqual(kinds(zhEvents), kinds(enEvents));
  t.deepEqual(ends(zhEvents), ends(enEvents));
  const plan = zhEvents.find((e) => e.type === 'plan') as unknown as { blocked: { code: string; reason: string }[] };
  t.deepEqual(plan.blocked.map((b) => b.code), ['Blocked.KeyUsage', 'Blocked.KeyNotEnabled', 'Blocked.NamespaceNotFound', 'Blocked.DomainNotFound']);
  t.is(plan.blocked[2]?.reason, '实例 tcr-9x8y7z6w 中不存在命名空间 identity');
  const enPlan = enEvents.find((e) => e.type === 'plan') as unknown as { blocked: { reason: string }[] };
  t.is(enPlan.blocked[2]?.reason, 'namespace identity does not exist in registry tcr-9x8y7z6w');
});

test.serial('the stopping event keeps its reason and carries the message in the run language', async (t) => {
  t.teardown(() => useLanguage('en'));
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString()));
  await useLanguage('zh-CN');
  const report = createJsonReporter({ out, err: new PassThrough() });
  report({ type: 'stopping', reason: 'auth-failure' });
  report({ type: 'end', elapsedMs: 1, interrupted: false, counts: { created: 0, failed: 0, skipped: 0, invalid: 0, 'dry-run': 0, 'not-sent': 0, deleted: 0 } } as never);
  const [stopping] = events(chunks.join(''));
  t.deepEqual(stopping, { type: 'stopping', reason: 'auth-failure', message: '正在停止：凭证被拒绝；其余的行不会发送。' });
});
