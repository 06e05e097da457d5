import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { COMMANDS, GLOBAL_OPTIONS } from '../src/cli/command-specs.js';
import { zhCNHelp } from '../src/i18n/zh-CN-help.js';
import { runCli } from './helpers/run-cli.js';

const ZH = { LANG: 'zh_CN.UTF-8' };
const TRACE_HOOK = fileURLToPath(new URL('./helpers/trace-loads.mjs', import.meta.url));

test('--help with LANG=zh_CN.UTF-8 is Chinese; --lang en overrides the locale; no locale is English', async (t) => {
  const [zh, overridden, plain, flag] = await Promise.all([
    runCli(['--help'], { env: ZH }),
    runCli(['--help', '--lang', 'en'], { env: ZH }),
    runCli(['--help']),
    runCli(['--lang=zh-CN', '--help'], { env: { LANG: 'C' } }),
  ]);
  t.regex(zh.stdout, /^创建腾讯云容器镜像服务/);
  t.regex(zh.stdout, /\n命令\n {2}create: +创建一个签名策略/);
  t.regex(zh.stdout, /\n退出码\n {2}0 {4}每一行都已创建/);
  t.is(overridden.stdout, plain.stdout);
  t.regex(plain.stdout, /^Create Tencent Container Registry image-signature policies/);
  t.is(flag.stdout, zh.stdout);
});

for (const spec of COMMANDS) {
  test(`${spec.name} --help in English and in Chinese: the same flags, each described in the language asked for`, async (t) => {
    const [english, chinese] = await Promise.all([runCli([spec.name, '--help']), runCli([spec.name, '--help'], { env: ZH })]);
    t.is(english.code, 0);
    t.is(chinese.code, 0);
    t.is(english.stdout.split('\n')[0], spec.summary);
    t.is(chinese.stdout.split('\n')[0], zhCNHelp.commands[spec.name]?.summary);
    t.regex(english.stdout, /\nFLAGS\n/);
    t.regex(chinese.stdout, /\n参数\n/);
    t.regex(chinese.stdout, /\n示例\n/);
    const flags = (text: string): string[] => [...text.matchAll(/^ {2}(?:-\w, | {4})?(--[a-z-]+)/gm)].map((m) => m[1] as string);
    t.deepEqual(flags(chinese.stdout), flags(english.stdout));
    t.true(flags(english.stdout).includes('--lang'));
    for (const name of [...Object.keys(spec.options), ...Object.keys(GLOBAL_OPTIONS)]) {
      const line = chinese.stdout.split('\n').find((l) => new RegExp(`^ {2}(?:-\\w, | {4})?--${name}\\b`).test(l)) ?? '';
      t.regex(line, /[\u4e00-\u9fff]/, `--${name} is described in Chinese: ${line}`);
    }
    // Commands, flags and examples stay as typed.
    t.true(chinese.stdout.includes(spec.usage));
    for (const example of spec.examples) t.true(chinese.stdout.includes(`$ ${example}`));
  });
}

test('a bad --lang is a usage error with what to type, exit 2', async (t) => {
  const run = await runCli(['batch', '--lang', 'fr', 'x.csv']);
  t.is(run.code, 2);
  t.is(run.stderr, "error: --lang 'fr': use en or zh-CN\nhint: for example --lang zh-CN (or leave it out: LC_ALL, LC_MESSAGES and LANG decide)\n");
});

test('usage errors are Chinese for a Chinese locale', async (t) => {
  const run = await runCli(['bacth'], { env: ZH });
  t.is(run.code, 2);
  t.is(run.stderr, "错误：未知命令 'bacth'\n提示：您是想用 `tcr-sigpolicy batch` 吗？运行 `tcr-sigpolicy --help` 查看命令列表\n");
});

test('a mistyped flag in Chinese: what is wrong, and the flag it was meant to be', async (t) => {
  const [typo, missing] = await Promise.all([runCli(['batch', 'x.csv', '--rat', '5'], { env: ZH }), runCli(['batch', 'x.csv', '--rate'], { env: ZH })]);
  t.is(typo.code, 2);
  t.is(typo.stderr, "错误：未知参数 '--rat'\n提示：您是想用 --rate 吗？（运行 `tcr-sigpolicy batch --help` 查看它接受的参数）\n");
  t.is(missing.stderr, "错误：参数 '--rate <value>' 缺少值\n提示：运行 `tcr-sigpolicy batch --help` 查看它接受的参数\n");
});

async function loaded(env: Record<string, string>): Promise<string[]> {
  const file = join(await mkdtemp(join(tmpdir(), 'i18n-loads-')), 'loads.txt');
  const run = await runCli(['batch', '--help'], { nodeArgs: ['--import', TRACE_HOOK], env: { TRACE_LOADS_FILE: file, ...env } });
  if (run.code !== 0) throw new Error(run.stderr);
  return (await readFile(file, 'utf8')).split('\n').filter(Boolean);
}

test('the Chinese catalogue loads only when asked for, and Chinese --help loads neither Ink, React nor the SDK', async (t) => {
  const [english, chinese] = await Promise.all([loaded({}), loaded(ZH)]);
  t.false(english.some((u) => u.includes('/i18n/zh-CN')));
  t.true(chinese.some((u) => u.endsWith('/i18n/zh-CN.js')));
  for (const heavy of ['/node_modules/ink/', '/node_modules/react/', 'tencentcloud-sdk-nodejs']) t.false(chinese.some((u) => u.includes(heavy)), heavy);
});
