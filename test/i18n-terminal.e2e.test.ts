// The wizard and the demo in Chinese in a real terminal (tmux) 60 columns wide: the built CLI, LANG=zh_CN.UTF-8.
import test from 'ava';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../src/emulator/index.js';
import { GZ_REGISTRY, GZ_SIGNING_KEY, startTestEmulator } from './helpers/emulator-kit.js';
import { ENDED, occurrences, startTmux } from './helpers/tmux.js';

// No zh_CN locale needs to be installed: LANG picks the language, LC_CTYPE keeps the terminal UTF-8.
const CHINESE = { LANG: 'zh_CN.UTF-8', LC_CTYPE: 'C.UTF-8' };
const CREDENTIALS = { TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID, TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY };
const scratch = (): string => mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-zh-'));
/** Lines wider than the terminal (in cells), which tmux would have had to wrap or cut. */
const tooWide = (screen: string, width: number): string[] => screen.split('\n').filter((line) => stringWidth(line) > width);

test.serial('the wizard in Chinese at 60 columns: questions, hints and choices in Chinese, one policy created with its RequestId', async (t) => {
  const emulator = await startTestEmulator();
  t.teardown(() => emulator.close());
  const term = await startTmux(t, { args: ['--endpoint', emulator.url, '--region', 'ap-guangzhou'], env: { ...CREDENTIALS, ...CHINESE }, cwd: scratch(), width: 60, height: 50 });

  const first = await term.waitFor('您想做什么？');
  for (const choice of ['创建一个签名策略', '从 CSV 文件批量创建', '预览 CSV 文件', '查看签名覆盖情况']) t.true(first.includes(choice), first);
  await term.keys('Enter');
  await term.waitFor('实例所在地域');
  await term.keys('Enter');
  await term.waitFor(`${GZ_REGISTRY}  prod-gz`);
  await term.keys('Enter');
  await term.waitFor('要签名的命名空间');
  await term.pointTo('ledger');
  await term.keys('Enter');
  await term.waitFor('策略名称');
  await term.keys('Enter');
  await term.waitFor('KMS 密钥所在地域');
  await term.keys('Enter');
  await term.waitFor('KMS 签名密钥');
  await term.keys('Enter');
  await term.waitFor('自定义域名（为空：实例域名）');
  await term.keys('Enter');
  await term.waitFor('以停用状态创建？');
  await term.keys('Enter');
  const review = await term.waitFor('个签名策略');
  t.true(review.includes('检查'), review);
  t.true(review.includes('不经提问的等效命令，可用于脚本：'), review);
  t.regex(review, /CreateSignaturePolicy（版本 2019-09-24）发往/);
  t.true(review.includes('"NamespaceName": "ledger"'), 'the request body is as it is sent');
  await term.keys('y');
  await term.waitFor(`现在为 ${GZ_REGISTRY}/ledger 中已有的镜像签名吗？`);
  await term.keys('Enter'); // 否
  const done = await term.waitFor(ENDED);
  t.true(done.includes('[exit 0]'), done);
  t.regex(done, /RequestId: [0-9a-f-]{36}/);
  t.true(done.includes(`已为 ${GZ_REGISTRY}/ledger（ap-guangzhou）创建签名策略 'ledger-signing'。`), done);
  // The prose lines (the review's command, the confirmation) wrap as they do in English; the questions fit.
  t.deepEqual(tooWide(done, 60).filter((line) => /^[?✔] /.test(line) && !line.includes('(y/N)')), []);
  t.like(emulator.state.policies().find((p) => p.NamespaceName === 'ledger'), { RegistryId: GZ_REGISTRY, KmsId: GZ_SIGNING_KEY });
});

test.serial('the demo in Chinese at 60 columns: the dashboard and the summary fit, ids and codes as they are, the export question in Chinese', async (t) => {
  const term = await startTmux(t, { args: ['demo'], env: CHINESE, cwd: scratch(), width: 60, height: 60 });
  const screen = await term.waitFor('导出结果？', 60_000);
  t.true(screen.includes('需要处理（'), screen);
  t.regex(screen, /\n行 +实例\/命名空间 +ErrorCode/);
  t.regex(screen, /Blocked\.NamespaceNotFound/);
  // Wrapped, the whole reason is on the screen: joined again it reads as one sentence.
  const attention = screen.slice(screen.indexOf('需要处理')).replace(/\n\s*/g, '');
  t.true(attention.includes('实例tcr-9x8y7z6w中不存在命名空间identity') || attention.includes('实例 tcr-9x8y7z6w 中不存在命名空间 identity'), attention);
  t.regex(screen, /完成，用时 [^\n]+/);
  // The dashboard's own lines fit in 60 cells (capture-pane -J joins what the terminal wrapped);
  // the prose on stderr around it (the demo's introduction, the coverage line) wraps, as in English.
  const dashboard = screen.split('\n').filter((line) => /^[✔✖⚠↷○·] L\d/.test(line) || /^(正式|演练) · /.test(line));
  t.true(dashboard.length >= 60, screen);
  const table = screen.slice(screen.indexOf('需要处理'), screen.indexOf('完成，用时'));
  t.deepEqual(tooWide([...dashboard, table].join('\n'), 60), []);
  t.is(occurrences(screen, DEMO_SECRET_ID.slice(10)), 0, 'no secret on screen');
  await term.keys('Enter'); // 否
  const done = await term.waitFor(ENDED, 30_000);
  t.true(done.includes('[exit 0]'), done);
  t.true(done.includes('这只是一次演练：没有任何数据离开本机。'), done);
});
