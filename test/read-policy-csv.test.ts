import test, { type ExecutionContext } from 'ava';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { InputError, UsageError } from '../src/core/errors.js';
import { formatProblem } from '../src/core/problem.js';
import { readPolicyCsv } from '../src/services/read-policy-csv.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const KMS = '08408a30-0416-11ed-abdc-52540036b432';
const HEADER = 'RegistryId,NamespaceName,Name,KmsId,KmsRegion';
const line = (ns: string, name = `${ns}-signing`): string => `tcr-f7g1ir99,${ns},${name},${KMS},`;
const GZ = { region: 'ap-guangzhou' };

let dir: string | undefined;
/** Writes `content` to a fresh temporary file and returns its path. */
async function tempCsv(content: string | Buffer): Promise<string> {
  dir ??= await mkdtemp(join(tmpdir(), 'read-policy-csv-'));
  const path = join(dir, `${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(path, content);
  return path;
}

/** The InputError a read must fail with, and its problems as `line: message`; a failed assertion if it does not. */
async function inputError(t: ExecutionContext, path: string, stdin?: Readable): Promise<{ error: InputError; problems: string[] } | undefined> {
  const error = await readPolicyCsv(path, GZ, stdin).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof InputError)) {
    t.fail(`expected an input error, got ${error === undefined ? 'none' : String(error)}`);
    return undefined;
  }
  return { error, problems: error.problems.map((p) => `${p.line}: ${p.message}`) };
}

test('the 60-row sample reads as 60 valid rows on lines 2-61', async (t) => {
  const intake = await readPolicyCsv(fixture('sample.csv'), {});
  t.is(intake.total, 60);
  t.is(intake.rows.length, 60);
  t.deepEqual(intake.invalid, []);
  t.deepEqual(intake.rows.map((r) => r.line), Array.from({ length: 60 }, (_, i) => i + 2));
});

test('CRLF line endings and a UTF-8 BOM: the first column is still recognised', async (t) => {
  const intake = await readPolicyCsv(fixture('ok/crlf-bom.csv'), {});
  t.deepEqual(intake.problems, []);
  t.deepEqual(intake.rows.map((r) => [r.line, r.region, r.request.NamespaceName]), [[2, 'ap-guangzhou', 'library'], [3, 'ap-shanghai', 'apps']]);
  t.is(intake.rows[1]?.request.Domain, 'images.example.com', 'no stray \\r at the end of a row');
  t.is(intake.rows[1]?.request.Disabled, true);
});

test('header spellings registry_id, namespace-name, Kms Id, ... are recognised', async (t) => {
  const intake = await readPolicyCsv(fixture('ok/header-spellings.csv'), {});
  t.deepEqual(intake.problems, []);
  t.deepEqual(intake.rows[0]?.request, {
    RegistryId: 'tcr-f7g1ir99', Name: 'library-signing', NamespaceName: 'library', KmsId: KMS, KmsRegion: 'ap-guangzhou', Disabled: false,
  });
});

test('quoted fields keep commas, doubled quotes and line breaks; later lines are numbered as in the file', async (t) => {
  const intake = await readPolicyCsv(fixture('ok/quoted-fields.csv'), {});
  t.deepEqual(
    intake.rows.map((r) => [r.line, r.request.Name]),
    [[2, 'library, signing'], [3, 'the "apps" policy'], [4, 'tools\nsigning'], [6, 'web-signing']],
  );
  t.true(intake.problems.every((p) => p.severity === 'warning'));
});

test('blank lines are skipped and do not shift line numbers', async (t) => {
  const intake = await readPolicyCsv(fixture('ok/blank-lines.csv'), {});
  t.deepEqual(intake.rows.map((r) => [r.line, r.request.NamespaceName]), [[3, 'library'], [6, 'apps']]);
  t.is(intake.total, 2);
});

test('spaces around values (and header names) are trimmed', async (t) => {
  const intake = await readPolicyCsv(fixture('ok/spaces.csv'), {});
  t.deepEqual(intake.problems, []);
  t.deepEqual(intake.rows[0], {
    line: 2,
    region: 'ap-guangzhou',
    request: {
      RegistryId: 'tcr-f7g1ir99', Name: 'library-signing', NamespaceName: 'library', KmsId: KMS, KmsRegion: 'ap-guangzhou',
      Domain: 'images.example.com', Disabled: true,
    },
  });
});

test('no Region column: every row is an error without a default, and fine with one', async (t) => {
  const without = await readPolicyCsv(fixture('ok/no-region.csv'), {});
  t.deepEqual(without.problems.map((p) => [p.line, p.column, p.severity]), [[2, 'Region', 'error'], [3, 'Region', 'error']]);
  const withDefault = await readPolicyCsv(fixture('ok/no-region.csv'), { region: 'ap-shanghai' });
  t.deepEqual(withDefault.problems, []);
  t.deepEqual(withDefault.rows.map((r) => r.region), ['ap-shanghai', 'ap-shanghai']);
});

test('Disabled in every accepted spelling', async (t) => {
  const intake = await readPolicyCsv(fixture('ok/disabled-spellings.csv'), {});
  t.deepEqual(intake.problems, []);
  t.deepEqual(
    intake.rows.map((r) => r.request.Disabled),
    [true, true, true, false, false, false, true, true, true, false, false, false, true, false, undefined],
  );
});

test('formula-looking names are read as they are, with console-rule warnings only', async (t) => {
  const intake = await readPolicyCsv(fixture('ok/formula-name.csv'), {});
  t.deepEqual(intake.rows.map((r) => r.request.Name), ['=cmd', '-x', '+1', '@sum']);
  t.deepEqual(intake.problems.map((p) => [p.line, p.severity]), [[2, 'warning'], [4, 'warning'], [5, 'warning']]);
});

test('blank lines before the header: the header is wherever the first non-blank line is', async (t) => {
  const intake = await readPolicyCsv(await tempCsv(`\n\n${HEADER}\n${line('aa')}\n   \n${line('bb')}\n`), GZ);
  t.deepEqual(intake.rows.map((r) => r.line), [4, 6]);
});

test('a last row without a final newline is read', async (t) => {
  const intake = await readPolicyCsv(await tempCsv(`${HEADER}\n${line('aa')}\n${line('bb')}`), GZ);
  t.deepEqual(intake.rows.map((r) => r.line), [2, 3]);
});

test('a quoted line break in a CRLF file counts as one line', async (t) => {
  // BUG (src/services/read-policy-csv.ts): csv-parse counts the \r and the \n inside the quotes as two lines,
  // and the correction only subtracts \n, so these rows come out as lines 3 and 5.
  const path = await tempCsv(`${HEADER}\r\n${line('aa', '"x\r\ny"')}\r\n${line('bb')}\r\n`);
  const intake = await readPolicyCsv(path, GZ);
  t.deepEqual(intake.rows.map((r) => r.line), [2, 4]);
});

test('standard input: "-" reads the stream given, and problems name "standard input"', async (t) => {
  const text = await readFile(fixture('bad/many-problems.csv'));
  const intake = await readPolicyCsv('-', GZ, Readable.from([text]));
  t.is(intake.total, 11);
  t.regex(formatProblem(intake.problems[0] ?? { severity: 'error', line: 0, message: '' }, 'standard input'), /^error: standard input line 3, NamespaceName 'Team_A'/);
});

test('standard input arriving in small pieces, strings or bytes, reads the same as the file', async (t) => {
  const text = await readFile(fixture('ok/quoted-fields.csv'), 'utf8');
  const fromFile = await readPolicyCsv(fixture('ok/quoted-fields.csv'), {});
  const asStrings = await readPolicyCsv('-', {}, Readable.from(text.match(/[^]{1,7}/g) ?? []));
  const asBytes = await readPolicyCsv('-', {}, Readable.from([...Buffer.from(`\uFEFF${text}`)].map((b) => Buffer.from([b]))));
  t.deepEqual(asStrings.rows, fromFile.rows);
  t.deepEqual(asBytes.rows, fromFile.rows);
});

test('a UTF-8 character split across chunks is not mangled', async (t) => {
  const bytes = Buffer.from(`${HEADER}\n${line('aa', 'signature-ü')}\n`);
  const intake = await readPolicyCsv('-', GZ, Readable.from([...bytes].map((b) => Buffer.from([b]))));
  t.is(intake.rows[0]?.request.Name, 'signature-ü');
});

/** Each bad fixture that stops the whole file: the line and the words of its one problem. */
const badFiles: readonly (readonly [string, number, RegExp, RegExp])[] = [
  ['bad/binary.png', 0, /the file is binary, not CSV text/, /CSV file/],
  ['bad/utf16le-bom.csv', 0, /the file is UTF-16 text; this tool reads UTF-8/, /iconv -f UTF-16 -t UTF-8/],
  ['bad/unclosed-quote.csv', 3, /a quoted value opens here and is never closed/, /double quotes/],
  ['bad/empty.csv', 0, /the file is empty/, /tcr-sigpolicy template/],
  ['bad/header-only.csv', 0, /there are no rows after the header/, /template/],
];

for (const [name, where, message, hint] of badFiles) {
  test(`${name} is refused with a reason, a line and a hint`, async (t) => {
    const got = await inputError(t, fixture(name));
    if (!got) return;
    const { problems, error } = got;
    t.is(problems.length, 1);
    t.regex(problems[0] ?? '', new RegExp(`^${where}: ${message.source}`));
    t.regex(error.hint ?? '', hint);
    t.is(error.source, fixture(name));
  });
}

test('an unclosed quote read from a stream is placed on the line where it opens', async (t) => {
  // BUG (src/services/read-policy-csv.ts): the line is counted from the records already consumed; when the
  // stream ends at once (as here), none are, and the quote is reported on line 1 instead of line 3.
  const text = await readFile(fixture('bad/unclosed-quote.csv'));
  const got = await inputError(t, '-', Readable.from([text]));
  if (!got) return;
  const { problems } = got;
  t.deepEqual(problems, ['3: a quoted value opens here and is never closed']);
});

test('an unclosed quote after blank lines is placed on its own line', async (t) => {
  const path = await tempCsv(`${HEADER}\n${line('aa')}\n\n\n${line('bb', '"oops')}\n${line('cc')}\n`);
  const got = await inputError(t, path);
  if (!got) return;
  const { problems } = got;
  t.deepEqual(problems, ['5: a quoted value opens here and is never closed']);
});

test('a file that is only a BOM and blank lines is empty', async (t) => {
  const got = await inputError(t, await tempCsv(Buffer.from('\uFEFF\n\n  \n')));
  if (!got) return;
  const { problems } = got;
  t.deepEqual(problems, ['0: the file is empty; it needs a header row and at least one row']);
});

test('UTF-16 without a BOM is recognised too', async (t) => {
  const got = await inputError(t, await tempCsv(Buffer.from(`${HEADER}\n${line('aa')}\n`, 'utf16le')));
  if (!got) return;
  const { problems } = got;
  t.regex(problems[0] ?? '', /UTF-16/);
});

test('a Latin-1 file is refused on the line of its first non-UTF-8 byte', async (t) => {
  const path = await tempCsv(Buffer.concat([Buffer.from(`${HEADER}\n${line('aa')}\n`), Buffer.from(`${line('bb', 'caf\xe9')}\n`, 'latin1')]));
  const got = await inputError(t, path);
  if (!got) return;
  const { problems, error } = got;
  t.deepEqual(problems, ['3: not UTF-8 text']);
  t.regex(error.hint ?? '', /CSV UTF-8/);
});

for (const [title, cell] of [
  ['a quote inside an unquoted value', 'x"y'],
  ['text after a closing quote', '"x" y'],
  ['a letter right after a closing quote', '"x"y'],
] as const) {
  test(`${title} is an input error on its line, not a crash`, async (t) => {
    // BUG (src/services/read-policy-csv.ts, explain()), first two cases: csv-parse 7 names the first error
    // INVALID_OPENING_QUOTE (no CSV_ prefix) and the second CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE; neither
    // is handled, so the raw Error escapes and the CLI prints "hit a bug" with a stack trace (exit 70).
    const path = await tempCsv(`${HEADER}\n${line('aa')}\n${line('bb', cell)}\n`);
    const got = await inputError(t, path);
    if (!got) return;
    const { problems, error } = got;
    t.is(problems.length, 1);
    t.regex(problems[0] ?? '', /^3: /);
    t.regex(error.hint ?? '', /double quotes/);
  });
}

test('an unknown column is named, on the header line', async (t) => {
  const got = await inputError(t, fixture('bad/unknown-column.csv'));
  if (!got) return;
  const { problems, error } = got;
  t.deepEqual(error.problems.map((p) => [p.line, p.column]), [[1, 'Owner']]);
  t.regex(problems[0] ?? '', /unknown column/);
  t.regex(error.hint ?? '', /tcr-sigpolicy template/);
});

test('a missing required column is named, on the header line', async (t) => {
  const got = await inputError(t, fixture('bad/missing-column.csv'));
  if (!got) return;
  t.deepEqual(got.error.problems.map((p) => [p.line, p.column, p.message]), [[1, 'NamespaceName', 'required column is missing from the header']]);
});

test('a row with more fields than the header is an invalid row, the others still read', async (t) => {
  const intake = await readPolicyCsv(fixture('bad/extra-fields.csv'), {});
  t.deepEqual(intake.rows.map((r) => r.line), [2, 4]);
  t.deepEqual(intake.invalid.map((r) => r.line), [3]);
  t.deepEqual(intake.problems.map((p) => `${p.line}: ${p.message.split(';')[0]}`), ['3: 9 fields, but the header has 8 columns']);
});

test('many row problems at once: every one, on its line and column, and the warning does not block', async (t) => {
  const intake = await readPolicyCsv(fixture('bad/many-problems.csv'), {});
  t.deepEqual(
    intake.problems.map((p) => [p.line, p.column, p.severity]),
    [
      [3, 'NamespaceName', 'error'],
      [4, 'RegistryId', 'error'],
      [5, 'KmsId', 'error'],
      [6, 'Domain', 'error'],
      [7, 'Disabled', 'error'],
      [8, 'Region', 'error'],
      [9, 'Name', 'error'],
      [10, 'NamespaceName', 'error'],
      [11, 'NamespaceName', 'error'],
      [12, 'Name', 'warning'],
    ],
  );
  t.deepEqual(intake.rows.map((r) => r.line), [2, 12]);
  t.is(intake.total, 11);
});

test('a missing file or a directory is a usage error with a hint', async (t) => {
  const missing = await t.throwsAsync(readPolicyCsv(join(tmpdir(), 'no-such-dir-7f3a', 'x.csv'), {}), { instanceOf: UsageError });
  t.regex(missing?.message ?? '', /no such file/);
  t.truthy((missing as UsageError | undefined)?.hint);
  const directory = await t.throwsAsync(readPolicyCsv(fixture('ok'), {}), { instanceOf: UsageError });
  t.regex(directory?.message ?? '', /directory/);
});

test('a semicolon-separated file (Excel in many locales) reads like a comma one, with or without its sep=; line', async (t) => {
  const semi = (l: string): string => l.replaceAll(',', ';');
  for (const [name, content, firstLine] of [
    ['header decides', `${semi(HEADER)}\n${semi(line('payments'))}\n${semi(line('web'))}\n`, 2],
    ['sep=; line', `\uFEFFsep=;\r\n${semi(HEADER)}\r\n${semi(line('payments'))}\r\n${semi(line('web'))}\r\n`, 3],
  ] as const) {
    const intake = await readPolicyCsv(await tempCsv(content), GZ);
    t.deepEqual(intake.rows.map((r) => [r.line, r.request.NamespaceName]), [[firstLine, 'payments'], [firstLine + 1, 'web']], name);
    t.deepEqual(intake.problems, [], name);
  }
  // A comma file keeps semicolons inside its values.
  const intake = await readPolicyCsv(await tempCsv(`${HEADER}\n${line('payments', 'a;b')}\n`), GZ);
  t.is(intake.rows[0]?.request.Name, 'a;b');
});

test('a results or journal file given as the policies says what it is and how to use it', async (t) => {
  const results = 'line,Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion,Domain,Disabled,status,RequestId,ErrorCode,ErrorMessage,attempts,startedAt,finishedAt\n' +
    `2,ap-guangzhou,tcr-f7g1ir99,payments,payments-signing,${KMS},,,,created,abc,,,1,2026-01-01T00:00:00Z,2026-01-01T00:00:01Z\n`;
  const journal = '{"kind":"result","run":"x","key":"tcr-f7g1ir99/payments","line":2,"status":"created"}\n';
  for (const content of [results, journal, `[${journal}]`]) {
    const path = await tempCsv(content);
    const error = await t.throwsAsync(readPolicyCsv(path, GZ), { instanceOf: UsageError });
    t.regex(error.message, /is the record of an earlier run/);
    t.regex(error.hint ?? '', /^this is a results file: use --resume .*--resume .*rollback/);
    t.true(error.hint?.includes(path));
  }
});
