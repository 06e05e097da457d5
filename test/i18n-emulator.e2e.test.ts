// The emulator command speaks the run's language too: every line it prints in Chinese is Chinese,
// apart from the commands to paste.
import test from 'ava';
import { spawnCli, tempDir, waitFor } from './helpers/engine-kit.js';

const CJK = /[\u4e00-\u9fff]/;
/** Lines that are commands or values to paste, the same in every language. */
const PASTE = /^\s*(export |tcr-sigpolicy |$)/;

test('emulator --lang zh-CN: the banner, the fault line and the stop line are Chinese', async (t) => {
  const dir = await tempDir(t);
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, NO_COLOR: '1' };
  const run = spawnCli(t, ['emulator', '--port', '0', '--lang', 'zh-CN', '--latency-ms', '5', '--offset-pages'], { cwd: dir, env });
  await waitFor(() => run.stdout().includes('按 Ctrl-C 停止'), 'the banner');
  run.child.kill('SIGTERM');
  const exit = await run.exit;
  t.is(exit.code, 0);
  const lines = `${exit.stdout}${exit.stderr}`.split('\n').filter((l) => !PASTE.test(l));
  t.deepEqual(lines.filter((l) => !CJK.test(l)), [], 'every line but the commands is in Chinese');
  t.regex(exit.stdout, /^TCR API 模拟器正在监听 http:\/\/127\.0\.0\.1:\d+$/m);
  t.regex(exit.stdout, /^故障：延迟 5 毫秒，作用于 CreateSignaturePolicy, DeleteSignaturePolicy$/m);
  t.regex(exit.stderr, /模拟器已停止（SIGTERM）。/);
});

test('emulator flag errors in Chinese: exit 2, no English', async (t) => {
  const dir = await tempDir(t);
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, NO_COLOR: '1' };
  const exit = await spawnCli(t, ['emulator', '--throttle-rate', '0.6', '--drop-rate', '0.6', '--lang', 'zh-CN'], { cwd: dir, env }).exit;
  t.is(exit.code, 2);
  t.regex(exit.stderr, /^错误：--throttle-rate、--error-rate 和 --drop-rate 之和至多为 1/m);
  t.notRegex(exit.stderr, /must add up/);
});
