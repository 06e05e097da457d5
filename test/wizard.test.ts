// The wizard's questions without a terminal: typed-value checks, the CSV path, the review and the CSV summary.
import test from 'ava';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkInputFile } from '../src/commands/wizard-csv.js';
import { optional, required } from '../src/commands/wizard-policy.js';
import { checkDomain, checkRegistryId } from '../src/core/field-rules.js';
import { createCommandLine, type PolicyAnswers } from '../src/core/policy-answers.js';
import { previewRequest } from '../src/core/request-preview.js';
import { validateRow } from '../src/core/validate-row.js';
import { readPolicyCsv } from '../src/services/read-policy-csv.js';
import { formatIntakeSummary, formatReview } from '../src/ui/wizard-text.js';

const ANSWERS: PolicyAnswers = {
  region: 'ap-guangzhou', registryId: 'tcr-ab12cd34', namespace: 'ledger', name: 'ledger-signing',
  kmsRegion: 'ap-guangzhou', kmsId: '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3', domain: '', disabled: false,
};

test('typed values use the intake rules: required ones refuse empty, optional ones accept it', (t) => {
  const registry = required(checkRegistryId);
  t.is(registry(''), 'required; fill it in');
  t.regex(registry('TCR-1') ?? '', /'tcr-'/);
  t.is(registry('tcr-ab12cd34'), undefined);
  const domain = optional(checkDomain);
  t.is(domain(''), undefined);
  t.regex(domain('https://x.example.com') ?? '', /host name/);
});

test('a CSV path is checked as it is typed: there, a file, readable, and not standard input', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-input-'));
  const file = join(dir, 'team.csv');
  writeFileSync(file, 'RegistryId\n');
  t.is(checkInputFile(file), undefined);
  t.is(checkInputFile(join(dir, 'missing.csv')), 'no such file');
  t.regex(checkInputFile(dir) ?? '', /directory/);
  t.regex(checkInputFile('-') ?? '', /standard input/);
  t.regex(checkInputFile('') ?? '', /required/);
  if (process.getuid?.() !== 0) {
    chmodSync(file, 0o000);
    t.is(checkInputFile(file), 'permission denied');
  }
});

test('the review shows the request as the dry run would send it, and the command line', (t) => {
  const { row } = validateRow(0, { RegistryId: 'tcr-ab12cd34', NamespaceName: 'ledger', Name: 'ledger-signing', KmsId: ANSWERS.kmsId, KmsRegion: 'ap-guangzhou' }, { region: 'ap-guangzhou' });
  if (!row) return t.fail('the row should be valid');
  const review = formatReview(previewRequest(row, 'http://127.0.0.1:9500'), createCommandLine(ANSWERS));
  t.regex(review, /CreateSignaturePolicy \(version 2019-09-24\) to http:\/\/127\.0\.0\.1:9500, X-TC-Region: ap-guangzhou/);
  const body = review.slice(review.indexOf('{'), review.indexOf('}') + 1);
  t.deepEqual(JSON.parse(body), row.request);
  t.true(review.includes(createCommandLine(ANSWERS)));
});

test('the CSV summary counts the rows, shows the first problems with line numbers and a table of the first rows', async (t) => {
  const source = 'fixtures/bad/many-problems.csv';
  const listAll = `tcr-sigpolicy batch ${source} --dry-run --endpoint http://127.0.0.1:9500`;
  const summary = formatIntakeSummary(await readPolicyCsv(source, {}), source, listAll);
  t.regex(summary, /many-problems\.csv: 11 rows, 2 valid, 9 invalid, 1 warning/);
  t.regex(summary, /error: fixtures\/bad\/many-problems\.csv line 3, NamespaceName 'Team_A'/);
  t.true(summary.includes(`… and 5 more problems (\`${listAll}\` lists them all)`), summary);
  t.regex(summary, /line\s+Region\s+RegistryId\s+NamespaceName\s+Name\s+KmsId\s+KmsRegion/);
  t.regex(summary, /\n\s+2\s+ap-guangzhou\s+tcr-f7g1ir99\s+library\s+library-signing\s+08408a30…\s+ap-guangzhou/);
});

test('the CSV summary of a long file shows five rows and says how many more', async (t) => {
  const summary = formatIntakeSummary(await readPolicyCsv('fixtures/sample.csv', {}), 'fixtures/sample.csv', '');
  t.regex(summary, /60 rows, 60 valid, 0 invalid/);
  t.regex(summary, /… and 55 more valid rows/);
  t.regex(summary, /\(registry region\)/, 'an empty KmsRegion says what it means');
});
