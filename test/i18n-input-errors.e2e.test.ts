import test from 'ava';
import { runCli } from './helpers/run-cli.js';

const ZH = { LANG: 'zh_CN.UTF-8' };
const MANY = ['batch', 'fixtures/bad/many-problems.csv', '--dry-run', '--region', 'ap-guangzhou'];

test('CSV problems in Chinese keep the file, line numbers, column names and values; exit 2 in both languages', async (t) => {
  const [zh, en] = await Promise.all([runCli(MANY, { env: ZH }), runCli(MANY)]);
  t.is(zh.code, 2);
  t.is(en.code, 2);
  const zhLines = zh.stderr.trimEnd().split('\n');
  const enLines = en.stderr.trimEnd().split('\n');
  t.is(zhLines.length, enLines.length);
  t.is(zhLines[0], "错误：fixtures/bad/many-problems.csv 第 3 行，NamespaceName 'Team_A'：请只用小写字母、数字和 . _ -");
  t.is(enLines[0], "error: fixtures/bad/many-problems.csv line 3, NamespaceName 'Team_A': use lowercase letters, digits, . _ -");
  t.true(zhLines.includes('错误：fixtures/bad/many-problems.csv 第 9 行，Name：必填；请填写'));
  t.true(zhLines.includes("警告：fixtures/bad/many-problems.csv 第 12 行，Name 'ML Signing'：不符合控制台的规则（2-50 个 a-z 0-9 . _ - /）；API 接受它，但建议改名"));
  t.is(zhLines.at(-2), '共 11 行，其中 9 行有 9 个问题；未发送任何请求。');
  t.is(zhLines.at(-1), '提示：请修正后重新运行，或传入 --skip-invalid 只发送有效的行');
  t.is(enLines.at(-2), '9 problems in 9 rows of 11; nothing was sent.');
  // Every line number of the English report is in the Chinese one, in the same order.
  const numbers = (lines: string[], pattern: RegExp): string[] => lines.map((l) => pattern.exec(l)?.[1] ?? '').filter(Boolean);
  t.deepEqual(numbers(zhLines, /第 (\d+) 行，/), numbers(enLines, /line (\d+), /));
});

test('a quote never closed: Chinese names the line it opened on, --lang en overrides the locale', async (t) => {
  const [zh, en] = await Promise.all([
    runCli(['batch', 'fixtures/bad/unclosed-quote.csv', '--dry-run'], { env: ZH }),
    runCli(['batch', 'fixtures/bad/unclosed-quote.csv', '--dry-run', '--lang', 'en'], { env: ZH }),
  ]);
  t.is(zh.code, 2);
  t.regex(zh.stderr, /^错误：fixtures\/bad\/unclosed-quote\.csv 第 (\d+) 行：此处开始的带引号的值没有闭合\n/);
  t.regex(zh.stderr, /\n提示：含逗号、引号或换行的值请用双引号括起来/);
  const line = /第 (\d+) 行/.exec(zh.stderr)?.[1];
  t.true(en.stderr.startsWith(`error: fixtures/bad/unclosed-quote.csv line ${line}: a quoted value opens here and is never closed\n`), en.stderr);
});

test('a missing file, in Chinese, says what to do', async (t) => {
  const run = await runCli(['batch', 'no-such.csv'], { env: ZH });
  t.is(run.code, 2);
  t.is(run.stderr, '错误：无法读取 no-such.csv：文件不存在\n提示：请检查路径，或传入 - 读取标准输入\n');
});

test('the commands say their usage errors in Chinese, flags and commands as typed, exit 2', async (t) => {
  const [batch, create, rollback] = await Promise.all([
    runCli(['batch'], { env: ZH }),
    runCli(['create', '--namespace', 'ns1'], { env: ZH }),
    runCli(['rollback'], { env: ZH }),
  ]);
  t.is(batch.stderr, '错误：batch 需要一个 CSV 文件\n提示：运行 `tcr-sigpolicy batch policies.csv`（或用 - 读取标准输入）；`tcr-sigpolicy template` 会打印一个模板\n');
  t.regex(create.stderr, /^错误：缺少 --registry-id, --name, --kms-id, --kms-region\n提示：请传入所有必需的参数（见 `tcr-sigpolicy create --help`）/);
  t.regex(rollback.stderr, /^错误：rollback 需要待撤销运行的结果文件\n/);
  for (const run of [batch, create, rollback]) t.is(run.code, 2);
});
