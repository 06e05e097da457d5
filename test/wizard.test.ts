// The wizard's rules without a terminal: defaults, typed-value checks, the command line it prints, going back.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkInputFile } from '../src/commands/wizard-csv.js';
import { optional, required } from '../src/commands/wizard-policy.js';
import { runSteps, type Step } from '../src/commands/wizard-steps.js';
import { checkDomain, checkRegistryId } from '../src/core/field-rules.js';
import {
  CREATE_FLAGS, createCommandLine, defaultPolicyName, flagsToAnswers, shellQuote, withNamespace, withRegion, type PolicyAnswers,
} from '../src/core/policy-answers.js';
import { previewRequest } from '../src/core/request-preview.js';
import { validateRow } from '../src/core/validate-row.js';
import { readPolicyCsv } from '../src/services/read-policy-csv.js';
import { GoBack } from '../src/ui/prompts.js';
import { formatIntakeSummary, formatReview } from '../src/ui/wizard-text.js';

const ANSWERS: PolicyAnswers = {
  region: 'ap-guangzhou', registryId: 'tcr-ab12cd34', namespace: 'ledger', name: 'ledger-signing',
  kmsRegion: 'ap-guangzhou', kmsId: '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3', domain: '', disabled: false,
};

const quoting: readonly [string, string][] = [
  ['ledger-signing', 'ledger-signing'],
  ['ap-guangzhou', 'ap-guangzhou'],
  ['http://127.0.0.1:9500', 'http://127.0.0.1:9500'],
  ['library signing', "'library signing'"],
  ["it's", "'it'\\''s'"],
  ['', "''"],
  ['$HOME', "'$HOME'"],
  ['a;rm -rf /', "'a;rm -rf /'"],
  ['`x`', "'`x`'"],
  ['*', "'*'"],
];
for (const [word, quoted] of quoting) {
  test(`shellQuote ${JSON.stringify(word)} → ${quoted}`, (t) => {
    t.is(shellQuote(word), quoted);
  });
}

test('a quoted word comes back from a real shell unchanged', (t) => {
  const words = quoting.map(([w]) => w);
  const echoed = execFileSync('sh', ['-c', `printf '%s\\n' ${words.map(shellQuote).join(' ')}`], { encoding: 'utf8' });
  t.deepEqual(echoed.split('\n').slice(0, -1), words);
});

test('the command line names every answer, then --region and --yes; the public endpoint is left out', (t) => {
  t.is(
    createCommandLine(ANSWERS, { endpoint: 'https://tcr.tencentcloudapi.com' }),
    'tcr-sigpolicy create --registry-id tcr-ab12cd34 --namespace ledger --name ledger-signing ' +
      '--kms-id 6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3 --kms-region ap-guangzhou --region ap-guangzhou --yes',
  );
});

test('the command line carries a domain, --disabled, another endpoint, a profile, and quotes what needs it', (t) => {
  const line = createCommandLine(
    { ...ANSWERS, name: 'library signing', domain: 'images.example.com', disabled: true, kmsRegion: '' },
    { endpoint: 'http://127.0.0.1:9500', profile: 'prod' },
  );
  t.is(
    line,
    "tcr-sigpolicy create --registry-id tcr-ab12cd34 --namespace ledger --name 'library signing' " +
      "--kms-id 6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3 --kms-region '' --domain images.example.com --disabled " +
      '--region ap-guangzhou --endpoint http://127.0.0.1:9500 --profile prod --yes',
  );
});

test('the policy name defaults to {namespace}-signing and follows a changed namespace until it is typed', (t) => {
  t.is(defaultPolicyName('ledger'), 'ledger-signing');
  const followed = withNamespace(ANSWERS, 'risk');
  t.is(followed.namespace, 'risk');
  t.is(followed.name, undefined, 'asked again with the new default');
  const typed = withNamespace({ ...ANSWERS, name: 'team-key' }, 'risk');
  t.is(typed.name, 'team-key');
});

test('the KMS region follows the registry region unless it was chosen apart from it', (t) => {
  t.is(withRegion(ANSWERS, 'ap-shanghai').kmsRegion, undefined, 'asked again, defaulting to the new region');
  t.is(withRegion({ ...ANSWERS, kmsRegion: 'ap-beijing' }, 'ap-shanghai').kmsRegion, 'ap-beijing');
  t.is(withRegion({}, 'ap-shanghai').region, 'ap-shanghai');
});

test('every flag create reads is an answer, and flags given to create become answers', (t) => {
  for (const [flag, , key] of CREATE_FLAGS) t.is(flagsToAnswers({ [flag]: ' x ' })[key], 'x', `--${flag}`);
  t.deepEqual(flagsToAnswers({ namespace: ' ledger ', region: 'ap-guangzhou', disabled: true, yes: true }), {
    region: 'ap-guangzhou', registryId: undefined, namespace: 'ledger', name: undefined, kmsRegion: undefined,
    kmsId: undefined, domain: undefined, disabled: true,
  });
});

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

/** Steps that record each visit and go back when the script says so. */
function scripted(script: Record<number, ('back' | 'ok')[]>, skip: readonly number[] = []): { steps: Step<string[]>[]; visits: number[] } {
  const visits: number[] = [];
  const steps = [0, 1, 2, 3].map((i) => ({
    skip: () => skip.includes(i),
    run: async (answers: string[]) => {
      visits.push(i);
      if (script[i]?.shift() === 'back') throw new GoBack();
      return [...answers, `a${i}`];
    },
  }));
  return { steps, visits };
}

test('Esc goes back one asked step, skipping steps a flag answered, and the answers so far are kept', async (t) => {
  const { steps, visits } = scripted({ 3: ['back'], 1: ['ok', 'back'] }, [2]);
  const answers = await runSteps(steps, []);
  t.deepEqual(visits, [0, 1, 3, 1, 0, 1, 3]);
  t.deepEqual(answers, ['a0', 'a1', 'a0', 'a1', 'a3'], 'each step starts from the state it left, to offer as defaults');
});

test('Esc at the first asked step leaves the steps with GoBack; other errors pass through', async (t) => {
  const first = scripted({ 1: ['back'] }, [0]);
  await t.throwsAsync(runSteps(first.steps, []), { instanceOf: GoBack });
  t.deepEqual(first.visits, [1]);
  const failing: Step<number>[] = [{ run: async () => { throw new Error('bug'); } }];
  await t.throwsAsync(runSteps(failing, 0), { message: 'bug' });
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
  const summary = formatIntakeSummary(await readPolicyCsv(source, {}), source);
  t.regex(summary, /many-problems\.csv: 11 rows, 2 valid, 9 invalid, 1 warning/);
  t.regex(summary, /error: fixtures\/bad\/many-problems\.csv line 3, NamespaceName 'Team_A'/);
  t.regex(summary, /… and 5 more problems/);
  t.regex(summary, /line\s+Region\s+RegistryId\s+NamespaceName\s+Name\s+KmsId\s+KmsRegion/);
  t.regex(summary, /\n\s+2\s+ap-guangzhou\s+tcr-f7g1ir99\s+library\s+library-signing\s+08408a30…\s+ap-guangzhou/);
});

test('the CSV summary of a long file shows five rows and says how many more', async (t) => {
  const summary = formatIntakeSummary(await readPolicyCsv('fixtures/sample.csv', {}), 'fixtures/sample.csv');
  t.regex(summary, /60 rows, 60 valid, 0 invalid/);
  t.regex(summary, /… and 55 more valid rows/);
  t.regex(summary, /\(registry region\)/, 'an empty KmsRegion says what it means');
});
