// `status` in Chinese: the built CLI, the real SDK, the emulator with the bundled seed.
import test from 'ava';
import stringWidth from 'string-width';
import { cliEnv, runCli, startKitEmulator, tempDir } from './helpers/engine-kit.js';

test('status in Chinese: the table headings and totals in Chinese and aligned in cells, ids, statuses and the API code as they are', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, {});
  const run = await runCli(t, ['status', '--endpoint', emulator.url], { cwd: dir, env: cliEnv(dir, { LANG: 'zh_CN.UTF-8' }) });
  t.is(run.code, 1, run.stderr);
  const lines = run.stdout.split('\n');
  t.regex(lines[0] ?? '', /^实例 +地域 +状态 +命名空间 +已签名 +未签名 +覆盖率$/);
  // Every row of the table ends in the same cell: the numbers are right-aligned under headings two cells a character.
  const table = lines.slice(0, lines.indexOf(''));
  t.is(table.length, 8);
  t.is(new Set(table.map((l) => stringWidth(l.trimEnd()))).size <= 2, true, table.join('\n'));
  t.regex(run.stdout, /tcr-hkmany01 +ap-hongkong +Running +120 +105 +15 +87%/);
  t.regex(run.stdout, /tcr-fra00001 +eu-frankfurt +Running +\? +\? +\? +无法读取/);
  t.regex(run.stdout, /\n合计：7 个地域中的 7 个实例（1 个无法读取，未计入）\n {2}\d+ 个命名空间：\d+ 个已签名，\d+ 个未签名（\d+%）\n/);
  t.regex(run.stderr, /^错误：1 个实例无法读取；其他实例照常显示：\n {2}tcr-fra00001 \(eu-frankfurt\): UnauthorizedOperation: 未授权操作。/m);
  t.regex(run.stderr, /\n在 所有地域 中读取了 7 个实例，共 \d+ 次读调用；未做任何修改。\n/);
});
