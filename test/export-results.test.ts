import test from 'ava';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { UsageError } from '../src/core/errors.js';
import { neutraliseFormula } from '../src/core/neutralise-formula.js';
import { resultOf, type RowResult } from '../src/core/result.js';
import { exportFormatOf, exportResults } from '../src/services/export-results.js';

/** The column list exactly as SPEC.md "Results" spells it. */
const SPEC_COLUMNS = 'line, Region, RegistryId, NamespaceName, Name, KmsId, KmsRegion, Domain, Disabled, status, RequestId, ErrorCode, ErrorMessage, attempts, startedAt, finishedAt'.split(', ');
const KMS = '08408a30-0416-11ed-abdc-52540036b432';

function result(line: number, over: Partial<RowResult> = {}): RowResult {
  const base = resultOf(
    { line, Region: 'ap-guangzhou', RegistryId: 'tcr-f7g1ir99', NamespaceName: `ns${line}`, Name: `ns${line}-signing`, KmsId: KMS, KmsRegion: '', Domain: '', Disabled: '' },
    'created',
    { RequestId: `req-${line}`, attempts: 1, startedAt: '2024-05-01T10:00:00.000Z', finishedAt: '2024-05-01T10:00:00.250Z' },
  );
  return { ...base, ...over };
}

let dir: string | undefined;
async function outPath(name: string): Promise<string> {
  dir ??= await mkdtemp(join(tmpdir(), 'export-results-'));
  return join(dir, name);
}

async function exportAs(ext: string, results: readonly RowResult[]): Promise<string> {
  const path = await outPath(`${Math.random().toString(36).slice(2)}.${ext}`);
  await exportResults(path, results);
  return readFile(path, 'utf8');
}

test('CSV columns come in the order SPEC.md gives', async (t) => {
  const text = await exportAs('csv', [result(2)]);
  t.is(text.split('\n')[0], SPEC_COLUMNS.join(','));
  const [row] = parse(text, { columns: true }) as Record<string, string>[];
  t.deepEqual(row, {
    line: '2', Region: 'ap-guangzhou', RegistryId: 'tcr-f7g1ir99', NamespaceName: 'ns2', Name: 'ns2-signing', KmsId: KMS,
    KmsRegion: '', Domain: '', Disabled: '', status: 'created', RequestId: 'req-2', ErrorCode: '', ErrorMessage: '',
    attempts: '1', startedAt: '2024-05-01T10:00:00.000Z', finishedAt: '2024-05-01T10:00:00.250Z',
  });
});

test('.json and .jsonl hold the same keys, in the same order, as the CSV columns', async (t) => {
  const results = [result(2), result(3, { status: 'failed', ErrorCode: 'UnsupportedOperation', ErrorMessage: 'no' })];
  const json = JSON.parse(await exportAs('json', results)) as Record<string, unknown>[];
  const jsonl = (await exportAs('jsonl', results)).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  t.is(json.length, 2);
  t.is(jsonl.length, 2);
  for (const item of [...json, ...jsonl]) t.deepEqual(Object.keys(item), SPEC_COLUMNS);
  t.deepEqual(json, jsonl);
  t.like(json[1], { line: 3, status: 'failed', ErrorCode: 'UnsupportedOperation', attempts: 1 });
});

test('results with extra keys are exported with the documented keys only', async (t) => {
  const extra = { ...result(2), secret: 'do-not-export' } as RowResult;
  const [item] = JSON.parse(await exportAs('json', [extra])) as Record<string, unknown>[];
  t.deepEqual(Object.keys(item ?? {}), SPEC_COLUMNS);
});

test('rows are written in line order whatever order they finished in', async (t) => {
  const results = [result(9), result(2), result(5)];
  const csvLines = (parse(await exportAs('csv', results), { columns: true }) as Record<string, string>[]).map((r) => r.line);
  t.deepEqual(csvLines, ['2', '5', '9']);
  const jsonLines = (JSON.parse(await exportAs('json', results)) as RowResult[]).map((r) => r.line);
  t.deepEqual(jsonLines, [2, 5, 9]);
});

const formulas: readonly (readonly [string, string])[] = [
  ['=', '=cmd|\' /C calc\'!A0'],
  ['+', '+1+1'],
  ['-', '-x'],
  ['@', '@SUM(A1)'],
  ['tab', '\tcmd'],
  ['carriage return', '\r=cmd'],
];

for (const [what, value] of formulas) {
  test(`a CSV cell starting with ${what} gets a leading ' so a spreadsheet shows it as text`, async (t) => {
    const text = await exportAs('csv', [result(2, { Name: value, ErrorMessage: value, Domain: value })]);
    const [row] = parse(text, { columns: true }) as Record<string, string>[];
    t.is(row?.Name, `'${value}`);
    t.is(row?.ErrorMessage, `'${value}`);
    t.is(row?.Domain, `'${value}`);
  });
}

test('JSON exports keep formula-looking values as they are', async (t) => {
  const [item] = JSON.parse(await exportAs('json', [result(2, { Name: '=cmd' })])) as RowResult[];
  t.is(item?.Name, '=cmd');
});

for (const value of ['library-signing', 'a=b', 'x-y', '', ' =x', "'=x", '1+1']) {
  test(`neutraliseFormula leaves ${JSON.stringify(value)} alone`, (t) => {
    t.is(neutraliseFormula(value), value);
  });
}

test('CSV quoting survives commas, quotes and line breaks in values', async (t) => {
  const name = 'a, "quoted"\nname';
  const [row] = parse(await exportAs('csv', [result(2, { Name: name })]), { columns: true }) as Record<string, string>[];
  t.is(row?.Name, name);
});

test('no results: a CSV with the header only, an empty JSON array, an empty JSONL file', async (t) => {
  t.is(await exportAs('csv', []), `${SPEC_COLUMNS.join(',')}\n`);
  t.deepEqual(JSON.parse(await exportAs('json', [])), []);
  t.is(await exportAs('jsonl', []), '');
});

test('thousands of rows: one header, valid JSON across write chunks, every row once', async (t) => {
  const results = Array.from({ length: 2500 }, (_, i) => result(i + 2));
  const csv = parse(await exportAs('csv', results), { columns: true }) as Record<string, string>[];
  t.is(csv.length, 2500);
  t.is(csv[2499]?.line, '2501');
  const json = JSON.parse(await exportAs('json', results)) as RowResult[];
  t.deepEqual(json.map((r) => r.line), results.map((r) => r.line));
  t.is((await exportAs('jsonl', results)).trimEnd().split('\n').length, 2500);
});

test('exactly 1000 rows still close the JSON array', async (t) => {
  const json = JSON.parse(await exportAs('json', Array.from({ length: 1000 }, (_, i) => result(i + 2)))) as RowResult[];
  t.is(json.length, 1000);
});

for (const [path, format] of [['r.csv', 'csv'], ['r.json', 'json'], ['r.jsonl', 'jsonl'], ['R.CSV', 'csv'], ['dir.v2/r.Json', 'json']] as const) {
  test(`--out ${path} is ${format}`, (t) => {
    t.is(exportFormatOf(path), format);
  });
}

for (const path of ['r.txt', 'results', 'r.csv.gz', 'r.xlsx', 'r.ndjson']) {
  test(`--out ${path} is a usage error naming the formats`, async (t) => {
    const error = t.throws(() => exportFormatOf(path), { instanceOf: UsageError });
    t.regex(error?.message ?? '', new RegExp(`--out '${path.replace('.', '\\.')}'`));
    t.regex((error as UsageError | undefined)?.hint ?? '', /\.csv, \.json or \.jsonl/);
    await t.throwsAsync(exportResults(await outPath(path), [result(2)]), { instanceOf: UsageError });
  });
}

test('an --out path in a missing directory is a usage error, not a crash', async (t) => {
  // BUG (src/services/export-results.ts): once(out, 'open') rejects with the raw ENOENT before the race's
  // 'error' branch can wrap it, so cannotWrite() never runs and the CLI reports a bug (exit 70).
  const error = await t.throwsAsync(exportResults(join(await outPath('missing-dir'), 'r.csv'), [result(2)]), { instanceOf: UsageError });
  t.regex(error?.message ?? '', /--out .*: no such directory/);
});
