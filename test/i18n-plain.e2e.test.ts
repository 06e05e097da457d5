import test from 'ava';
import { runCli } from './helpers/run-cli.js';

test('the demo with the plain reporter in Chinese: plan, progress, summary, closing block and script; statuses and codes as they are', async (t) => {
  const run = await runCli(['demo', '--no-tui'], { env: { LANG: 'zh_CN.UTF-8' } });
  t.is(run.code, 0, run.stderr);
  const err = run.stderr;
  t.regex(err, /^演示：本地 TCR API 模拟器正在 http:\/\/127\.0\.0\.1:\d+ 上监听，使用演示凭证。\n/);
  t.true(err.includes('\n计划（13 次读调用）：55 个待创建，1 个跳过（已在签名），4 个被拦下。\n被拦下（这些行不会发送；修正后重新运行）：\n'));
  t.true(err.includes('  第 31 行  ap-shanghai tcr-9x8y7z6w/identity  Blocked.NamespaceNotFound：实例 tcr-9x8y7z6w 中不存在命名空间 identity\n'));
  t.regex(err, /\n正在以最多 20\/s 的速度向 http:\/\/127\.0\.0\.1:\d+（3 个地域，3 个实例） 发送 55 个请求。\n/);
  t.regex(err, /\n完成，用时 [\d.]+m?s：54 created, 1 failed, 4 invalid, 1 skipped（UnauthorizedOperation 1）。\n/);
  t.true(err.includes('当前覆盖：tcr-ab12cd34 23/27 已签名（85%）'));
  t.true(err.includes('\n失败：    1 行 UnauthorizedOperation：账号缺少权限：请在 CAM 中授予 tcr:CreateSignaturePolicy（以及 KMS 访问权限）\n'));
  t.true(err.includes('  L52  ap-singapore tcr-f7g1ir99/billing         created，共尝试 3 次：两次被限流（RequestLimitExceeded），退避后重试，然后创建成功\n'));
  t.true(err.includes('\n这只是一次演练：没有任何数据离开本机。要实际操作：\n'));
  // The results on stdout keep their statuses; the API's own messages come back in Chinese (X-TC-Language).
  t.regex(run.stdout, /^\[ ?\d+\/60\] created {2}ap-/m);
  t.regex(run.stdout, /UnauthorizedOperation: 未授权操作。（/);
});
