import test from 'ava';
import { createIntake, invalidResult } from '../src/core/policy-intake.js';
import { RESULT_COLUMNS } from '../src/core/result.js';

const KMS = '08408a30-0416-11ed-abdc-52540036b432';
const HEADER = ['Region', 'RegistryId', 'NamespaceName', 'Name', 'KmsId', 'KmsRegion', 'Domain', 'Disabled'];
const row = (ns: string, over: Partial<Record<string, string>> = {}): string[] => {
  const cells: Record<string, string> = {
    Region: 'ap-guangzhou', RegistryId: 'tcr-f7g1ir99', NamespaceName: ns, Name: `${ns}-signing`, KmsId: KMS,
    KmsRegion: 'ap-guangzhou', Domain: '', Disabled: '', ...over,
  };
  return HEADER.map((h) => cells[h] ?? '');
};

test('valid rows come out in order with their line numbers', (t) => {
  const intake = createIntake(HEADER, {});
  intake.add(2, row('library'));
  intake.add(5, row('apps'));
  const { rows, invalid, problems, total } = intake.finish();
  t.deepEqual(rows.map((r) => [r.line, r.request.NamespaceName]), [[2, 'library'], [5, 'apps']]);
  t.deepEqual(invalid, []);
  t.deepEqual(problems, []);
  t.is(total, 2);
});

test('cells are trimmed before they are checked and sent', (t) => {
  const intake = createIntake(HEADER.map((h) => ` ${h} `), {});
  intake.add(2, row('library').map((c) => `  ${c}\t`));
  const { rows, problems } = intake.finish();
  t.deepEqual(problems, []);
  t.is(rows[0]?.request.RegistryId, 'tcr-f7g1ir99');
  t.is(rows[0]?.region, 'ap-guangzhou');
});

test('two rows for the same RegistryId + NamespaceName are both errors, each naming the other line', (t) => {
  const intake = createIntake(HEADER, {});
  intake.add(2, row('shared'));
  intake.add(3, row('other'));
  intake.add(9, row('shared', { Name: 'another-name' }));
  const { rows, invalid, problems } = intake.finish();
  t.deepEqual(rows.map((r) => r.line), [3]);
  t.deepEqual(invalid.map((r) => r.line), [2, 9]);
  t.deepEqual(
    problems.map((p) => [p.line, p.severity, p.column, p.value]),
    [[2, 'error', 'NamespaceName', 'shared'], [9, 'error', 'NamespaceName', 'shared']],
  );
  t.regex(problems[0]?.message ?? '', /same RegistryId and NamespaceName as line 9/);
  t.regex(problems[1]?.message ?? '', /same RegistryId and NamespaceName as line 2/);
});

test('three copies: each names both others', (t) => {
  const intake = createIntake(HEADER, {});
  for (const line of [2, 3, 4]) intake.add(line, row('shared'));
  const { problems, rows } = intake.finish();
  t.deepEqual(rows, []);
  t.deepEqual(problems.map((p) => p.message.match(/as line ([\d, ]+);/)?.[1]), ['3, 4', '2, 4', '2, 3']);
});

test('the same namespace in two registries is not a duplicate', (t) => {
  const intake = createIntake(HEADER, {});
  intake.add(2, row('shared'));
  intake.add(3, row('shared', { RegistryId: 'tcr-other1' }));
  const { rows, problems } = intake.finish();
  t.is(rows.length, 2);
  t.deepEqual(problems, []);
});

test('a duplicate that also has its own error keeps both problems', (t) => {
  const intake = createIntake(HEADER, {});
  intake.add(2, row('shared'));
  intake.add(3, row('shared', { KmsId: 'bad' }));
  const { invalid } = intake.finish();
  t.deepEqual(invalid.find((r) => r.line === 3)?.problems.map((p) => p.column), ['KmsId', 'NamespaceName']);
});

test('warnings do not block a row', (t) => {
  const intake = createIntake(HEADER, {});
  intake.add(2, row('library', { Name: 'Library Signing' }));
  const { rows, invalid, problems } = intake.finish();
  t.deepEqual(rows.map((r) => r.request.Name), ['Library Signing']);
  t.deepEqual(invalid, []);
  t.deepEqual(problems.map((p) => [p.severity, p.line, p.column]), [['warning', 2, 'Name']]);
});

for (const [title, cells] of [
  ['more fields than the header', [...row('library'), 'extra']],
  ['fewer fields than the header', row('library').slice(0, 5)],
] as const) {
  test(`a row with ${title} is an error on its line`, (t) => {
    const intake = createIntake(HEADER, {});
    intake.add(2, row('good'));
    intake.add(3, cells);
    const { rows, invalid, problems } = intake.finish();
    t.deepEqual(rows.map((r) => r.line), [2]);
    t.deepEqual(invalid.map((r) => r.line), [3]);
    t.is(problems.length, 1);
    t.like(problems[0], { severity: 'error', line: 3 });
    t.regex(problems[0]?.message ?? '', new RegExp(`^${cells.length} fields, but the header has 8 columns`));
  });
}

test('problems come in line order, all of them, with the total of rows read', (t) => {
  const intake = createIntake(HEADER, {});
  intake.add(2, row('Team_A', { Name: 'team-a-signing' }));
  intake.add(3, row('ok'));
  intake.add(4, row('apps', { RegistryId: 'x', Disabled: 'maybe' }));
  const { problems, total, invalid } = intake.finish();
  t.deepEqual(problems.map((p) => [p.line, p.column]), [[2, 'NamespaceName'], [4, 'RegistryId'], [4, 'Disabled']]);
  t.is(total, 3);
  t.is(invalid.length, 2);
});

test('the header line is where header problems point, and they are known before any row', (t) => {
  const intake = createIntake(['RegistryId', 'Owner'], {}, 4);
  t.deepEqual(intake.headerProblems.map((p) => [p.line, p.column]), [
    [4, 'Owner'], [4, 'NamespaceName'], [4, 'Name'], [4, 'KmsId'], [4, 'KmsRegion'],
  ]);
});

test('the default region reaches rows without a Region column', (t) => {
  const header = HEADER.filter((h) => h !== 'Region');
  const intake = createIntake(header, { region: 'ap-tokyo' });
  intake.add(2, row('library').slice(1));
  t.is(intake.finish().rows[0]?.region, 'ap-tokyo');
});

test('invalidResult keeps the cells as given and joins every error, without warnings or line prefix', (t) => {
  const intake = createIntake(HEADER, { region: 'ap-shanghai' });
  intake.add(6, row('Team_A', { Region: '', KmsId: 'nope', Name: 'Bad Name' }));
  const [bad] = intake.finish().invalid;
  if (!bad) return t.fail('the row should be invalid');
  const result = invalidResult(bad, { region: 'ap-shanghai' });
  t.deepEqual(Object.keys(result), [...RESULT_COLUMNS]);
  t.like(result, {
    line: 6, Region: 'ap-shanghai', NamespaceName: 'Team_A', KmsId: 'nope', Name: 'Bad Name',
    status: 'invalid', ErrorCode: 'InvalidInput', attempts: 0, RequestId: '',
  });
  t.is(result.ErrorMessage, "NamespaceName 'Team_A': use lowercase letters, digits, . _ -; KmsId 'nope': use the KMS key id, a UUID such as 08408a30-0416-11ed-abdc-52540036b432");
});

test('invalidResult of a duplicate row still shows its cells', (t) => {
  const intake = createIntake(HEADER, {});
  intake.add(2, row('shared', { Disabled: 'yes', Domain: 'images.example.com' }));
  intake.add(3, row('shared'));
  const [first] = intake.finish().invalid;
  if (!first) return t.fail('the row should be invalid');
  t.like(invalidResult(first, {}), {
    line: 2, Region: 'ap-guangzhou', RegistryId: 'tcr-f7g1ir99', NamespaceName: 'shared', Name: 'shared-signing',
    KmsId: KMS, KmsRegion: 'ap-guangzhou', Domain: 'images.example.com', status: 'invalid',
  });
});
