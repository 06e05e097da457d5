// Fields no one means to send: control characters, over-long values, and a read that fails under the tool.
import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { UsageError } from '../src/core/errors.js';
import { checkField } from '../src/core/field-rules.js';
import { formatProblem } from '../src/core/problem.js';
import { readPolicyCsv } from '../src/services/read-policy-csv.js';
import { runCli } from './helpers/run-cli.js';

const KMS = '08408a30-0416-11ed-abdc-52540036b432';
const HEADER = 'Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion';
const row = (ns: string, name = `${ns}-signing`): string => `ap-guangzhou,tcr-f7g1ir99,${ns},${name},${KMS},ap-guangzhou`;

async function csvFile(content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bad-fields-'));
  const path = join(dir, 'policies.csv');
  await writeFile(path, content);
  return path;
}

const fieldCases: [string, string, RegExp | undefined][] = [
  ['plain', 'library-signing', undefined],
  ['a line break (quoted CSV carries them)', 'tools\nsigning', undefined],
  ['NUL', 'lib\u0000rary', /contains a NUL byte at character 4/],
  ['ESC, which could drive the terminal', 'a\u001b[2Jb', /control character \(U\+001B\) at character 2/],
  ['tab', 'a\tb', /U\+0009/],
  ['DEL', 'a\u007f', /U\+007F/],
  ['1,000 characters', 'a'.repeat(1000), undefined],
  ['1,001 characters', 'a'.repeat(1001), /too long: 1,001 characters, at most 1,000/],
];
for (const [name, value, want] of fieldCases) {
  test(`checkField: ${name}`, (t) => {
    const why = checkField(value);
    if (want) t.regex(why ?? '', want);
    else t.is(why, undefined);
  });
}

test('a NUL inside a UTF-8 field, even past the first 64 KiB, is that field\'s error with its line and column; not "UTF-16"', async (t) => {
  const filler = Array.from({ length: 1200 }, (_, i) => row(`ns${i}`)).join('\n');
  const path = await csvFile(`${HEADER}\n${row('early', 'ear\u0000ly')}\n${filler}\n${row('late', 'la\u0000te')}\n`);
  const intake = await readPolicyCsv(path, {});
  const shown = intake.problems.map((p) => formatProblem(p, 'policies.csv'));
  t.deepEqual(shown, [
    "error: policies.csv line 2, Name 'ear\\u0000ly': contains a NUL byte at character 4; remove it (a stray byte from a copy or an export)",
    "error: policies.csv line 1203, Name 'la\\u0000te': contains a NUL byte at character 3; remove it (a stray byte from a copy or an export)",
  ]);
  t.is(intake.rows.length, 1200, 'only the two broken rows are held back');
});

test('a 10 MB Name is refused, and the message quotes 40 characters of it', async (t) => {
  const path = await csvFile(`${HEADER}\n${row('huge', 'x'.repeat(10_000_000))}\n`);
  const intake = await readPolicyCsv(path, {});
  const shown = intake.problems.map((p) => formatProblem(p, 'policies.csv'));
  t.deepEqual(shown, [`error: policies.csv line 2, Name '${'x'.repeat(40)}…': too long: 10,000,000 characters, at most 1,000`]);
  t.is(intake.rows.length, 0);
  t.true(intake.invalid[0] !== undefined && JSON.stringify(intake.invalid[0].problems).length < 10_000_500, 'the problem itself holds the value, not a copy per message');
});

test('the CLI refuses both with exit 2 and a short message; nothing huge reaches stderr, even with --skip-invalid', async (t) => {
  const path = await csvFile(`${HEADER}\n${row('huge', 'x'.repeat(10_000_000))}\n${row('nul', 'a\u0000b')}\n${row('fine')}\n`);
  const refused = await runCli(['batch', path, '--dry-run']);
  t.is(refused.code, 2, refused.stderr.slice(0, 500));
  t.true(refused.stderr.length < 1000, `${refused.stderr.length} characters of stderr`);
  t.regex(refused.stderr, /line 2, Name 'x{40}…': too long/);
  t.regex(refused.stderr, /line 3, Name 'a\\u0000b': contains a NUL byte/);
  const skipped = await runCli(['batch', path, '--dry-run', '--skip-invalid', '--region', 'ap-guangzhou']);
  t.is(skipped.code, 1, skipped.stderr.slice(0, 500));
  t.true(skipped.stdout.length + skipped.stderr.length < 5000, `${skipped.stdout.length + skipped.stderr.length} characters of output`);
});

test('real UTF-16 is still recognised as UTF-16', async (t) => {
  const path = await csvFile(Buffer.from(`${HEADER}\n${row('library')}\n`, 'utf16le'));
  const error = await readPolicyCsv(path, {}).catch((e: unknown) => e);
  t.regex(String((error as Error).message) + JSON.stringify((error as { problems?: unknown }).problems), /UTF-16/);
});

test('an EIO while reading the input is an input error (exit 2), not a bug', async (t) => {
  const failing = new Readable({
    read() {
      this.destroy(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO', errno: -5, syscall: 'read' }));
    },
  });
  const error = await readPolicyCsv('-', {}, failing).catch((e: unknown) => e);
  t.true(error instanceof UsageError, String(error));
  t.regex((error as UsageError).message, /cannot read standard input: EIO/);
  t.regex((error as UsageError).hint ?? '', /check the disk/);
});
