import test from 'ava';
import { COMMANDS, GLOBAL_OPTIONS, SEND_OPTIONS } from '../src/cli/command-specs.js';
import { en } from '../src/i18n/en.js';
import { helpText } from '../src/cli/render-help.js';
import { fill, langFromLocale, placeholdersOf, takeLangFlag } from '../src/i18n/messages.js';
import { zhCN } from '../src/i18n/zh-CN.js';
import { zhCNHelp } from '../src/i18n/zh-CN-help.js';

test('both catalogues have the same keys', (t) => {
  const missingInZh = Object.keys(en).filter((key) => !(key in zhCN));
  const missingInEn = Object.keys(zhCN).filter((key) => !(key in en));
  t.deepEqual(missingInZh, [], 'keys missing in zh-CN');
  t.deepEqual(missingInEn, [], 'keys in zh-CN that English does not have');
});

const names = (template: string): string => [...new Set(placeholdersOf(template))].join();

test('every message has the same placeholders in both languages', (t) => {
  const differ = Object.entries(en)
    .filter(([key, english]) => names(english) !== names(zhCN[key as keyof typeof en]))
    .map(([key]) => key);
  t.deepEqual(differ, []);
});

test('English counts have both forms (one|other); Chinese needs one', (t) => {
  for (const [key, english] of Object.entries(en).filter(([key]) => key.startsWith('count.'))) {
    t.is(english.split('|').length, 2, key);
    t.true(zhCN[key as keyof typeof en].split('|').length <= 2, key);
  }
});

test('the check above can fail: a placeholder renamed in one language is seen', (t) => {
  t.not(names('第 {line} 行'), names('line {row}'));
  t.is(names('{b} then {a}'), names('{a} und {b}'));
});

/** What help text must keep in any language: flags, environment variables, {fields}, `commands`, file names. */
const literals = (text: string): string[] =>
  [...text.matchAll(/--[a-z][a-z-]*|\$[A-Z_]+|\{[a-z]+\}|`[^`]+`|[\w./-]+\.(?:md|csv|json|jsonl)\b/g)].map((m) => m[0]).sort();

test('every command, and every flag it takes, has its Chinese help, keeping flags, variables and {fields}', (t) => {
  const zh = helpText(zhCNHelp);
  const english = helpText(undefined);
  for (const spec of COMMANDS) {
    t.not(zh.summary(spec), spec.summary, `${spec.name}: summary untranslated`);
    t.deepEqual(literals(zh.summary(spec)), literals(spec.summary), `${spec.name}: summary`);
    if (spec.description) {
      t.not(zh.description(spec), spec.description, `${spec.name}: description untranslated`);
      t.deepEqual(literals(zh.description(spec) ?? ''), literals(spec.description), `${spec.name}: description`);
    }
    for (const [name, o] of Object.entries({ ...spec.options, ...GLOBAL_OPTIONS })) {
      const line = zh.option(spec, name, o);
      t.is(english.option(spec, name, o), o.description);
      t.not(line, o.description, `${spec.name} --${name}: untranslated`);
      t.deepEqual(literals(line), literals(o.description), `${spec.name} --${name}`);
    }
  }
  for (const [name, o] of Object.entries({ ...SEND_OPTIONS, ...GLOBAL_OPTIONS })) t.not(zh.option(undefined, name, o), o.description, `--${name}`);
  t.deepEqual(literals(zh.emulatorNote()), literals(english.emulatorNote()));
});

test('a Chinese flag line that dropped a flag name fails the literal check', (t) => {
  t.notDeepEqual(literals('导出结果（不覆盖已有文件）'), literals('export results (never replaces a file without --force)'));
});

for (const [env, expected] of [
  [{ LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
  [{ LANG: 'zh_CN' }, 'zh-CN'],
  [{ LANG: 'zh_CN.GB18030' }, 'zh-CN'],
  [{ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }, 'zh-CN'],
  [{ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'C' }, 'zh-CN'],
  [{ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' }, 'en'],
  [{ LC_ALL: '', LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
  [{ LANG: 'zh_TW.UTF-8' }, 'en'],
  [{ LANG: 'C' }, 'en'],
  [{ LANG: 'en_GB.UTF-8' }, 'en'],
  [{}, 'en'],
] as const) {
  test(`locale ${JSON.stringify(env)} → ${expected}`, (t) => {
    t.is(langFromLocale(env), expected);
  });
}

test('--lang is taken out of argv wherever it is, in both spellings, and not after --', (t) => {
  t.deepEqual(takeLangFlag(['batch', '--lang', 'zh-CN', 'a.csv']), { lang: 'zh-CN', rest: ['batch', 'a.csv'] });
  t.deepEqual(takeLangFlag(['--lang=en', 'demo']), { lang: 'en', rest: ['demo'] });
  t.deepEqual(takeLangFlag(['batch', '--', '--lang', 'x']), { lang: undefined, rest: ['batch', '--', '--lang', 'x'] });
  t.deepEqual(takeLangFlag(['batch', '--lang']), { lang: '', rest: ['batch'] });
});

test('fill puts each value in its place, in any order', (t) => {
  t.is(fill('第 {line} 行第 {column} 列', { column: 4, line: 12 }), '第 12 行第 4 列');
  t.is(fill('{a}{a}', { a: 'x' }), 'xx');
});
