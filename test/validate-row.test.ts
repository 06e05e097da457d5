import test from 'ava';
import { validateRow, type RowCells } from '../src/core/validate-row.js';

const KMS = '08408a30-0416-11ed-abdc-52540036b432';
const good: RowCells = {
  Region: 'ap-guangzhou',
  RegistryId: 'tcr-f7g1ir99',
  NamespaceName: 'library',
  Name: 'library-signing',
  KmsId: KMS,
  KmsRegion: 'ap-guangzhou',
  Domain: '',
  Disabled: '',
};

test('a good row becomes the request that is sent, keys in API order, optional ones left out', (t) => {
  const { row, problems } = validateRow(7, good, {});
  t.deepEqual(problems, []);
  t.deepEqual(row, {
    line: 7,
    region: 'ap-guangzhou',
    request: { RegistryId: 'tcr-f7g1ir99', Name: 'library-signing', NamespaceName: 'library', KmsId: KMS, KmsRegion: 'ap-guangzhou' },
  });
  t.deepEqual(Object.keys(row?.request ?? {}), ['RegistryId', 'Name', 'NamespaceName', 'KmsId', 'KmsRegion']);
});

test('Domain and Disabled are sent when given', (t) => {
  const { row } = validateRow(2, { ...good, Domain: 'images.example.com', Disabled: 'YES' }, {});
  t.deepEqual(row?.request, {
    RegistryId: 'tcr-f7g1ir99', Name: 'library-signing', NamespaceName: 'library', KmsId: KMS, KmsRegion: 'ap-guangzhou',
    Domain: 'images.example.com', Disabled: true,
  });
});

test('Disabled false is sent as false, not left out', (t) => {
  t.is(validateRow(2, { ...good, Disabled: '0' }, {}).row?.request.Disabled, false);
});

test('an empty KmsRegion is allowed and sent as an empty string', (t) => {
  const { row, problems } = validateRow(2, { ...good, KmsRegion: '' }, {});
  t.deepEqual(problems, []);
  t.is(row?.request.KmsRegion, '');
});

/** One bad cell at a time: the column and words the error must carry. */
const errors: readonly (readonly [string, RowCells, string, RegExp])[] = [
  ['bad namespace', { NamespaceName: 'Team_A' }, 'NamespaceName', /lowercase letters/],
  ['bad RegistryId', { RegistryId: 'TCR-1' }, 'RegistryId', /'tcr-'/],
  ['bad KmsId', { KmsId: 'not-a-key' }, 'KmsId', /UUID/],
  ['bad KmsRegion', { KmsRegion: 'mars' }, 'KmsRegion', /unknown region/],
  ['bad Domain', { Domain: 'https://images.example.com' }, 'Domain', /no scheme/],
  ['bad Disabled', { Disabled: 'maybe' }, 'Disabled', /true\/false/],
  ['unknown Region', { Region: 'mars-north-1' }, 'Region', /unknown region/],
  ['missing RegistryId', { RegistryId: '' }, 'RegistryId', /required/],
  ['missing NamespaceName', { NamespaceName: '' }, 'NamespaceName', /required/],
  ['missing Name', { Name: '' }, 'Name', /required/],
  ['missing KmsId', { KmsId: '' }, 'KmsId', /required/],
];

for (const [title, change, column, why] of errors) {
  test(`${title} is an error on its line and column, and nothing is sent`, (t) => {
    const cells = { ...good, ...change };
    const { row, problems } = validateRow(12, cells, {});
    t.is(row, undefined);
    t.is(problems.length, 1);
    t.like(problems[0], { severity: 'error', line: 12, column, value: cells[column as keyof RowCells] });
    t.regex(problems[0]?.message ?? '', why);
  });
}

test('every problem of a row is reported, not only the first', (t) => {
  const { row, problems } = validateRow(
    4,
    { ...good, RegistryId: 'x', NamespaceName: 'A', KmsId: '', Domain: 'a', Disabled: '?', Region: 'nowhere' },
    {},
  );
  t.is(row, undefined);
  t.deepEqual(problems.map((p) => p.column), ['RegistryId', 'NamespaceName', 'KmsId', 'Domain', 'Disabled', 'Region']);
  t.true(problems.every((p) => p.severity === 'error' && p.line === 4));
});

for (const name of ['library signing', 'Library', '=cmd', 'x', 'a'.repeat(51)]) {
  test(`policy name ${JSON.stringify(name)} is only a warning: the row is still sent`, (t) => {
    const { row, problems } = validateRow(3, { ...good, Name: name }, {});
    t.is(row?.request.Name, name);
    t.is(problems.length, 1);
    t.like(problems[0], { severity: 'warning', line: 3, column: 'Name', value: name });
  });
}

test('a warning and an error on one row: both reported, row not sent', (t) => {
  const { row, problems } = validateRow(3, { ...good, Name: 'Library Signing', KmsId: 'nope' }, {});
  t.is(row, undefined);
  t.deepEqual(problems.map((p) => [p.severity, p.column]), [['error', 'KmsId'], ['warning', 'Name']]);
});

// Region resolution: the row's Region cell, else the default the caller resolved (--region, env, profile).
const regions: readonly (readonly [string, string | undefined, string | undefined, string])[] = [
  ['the Region cell wins over the default', 'ap-shanghai', 'ap-guangzhou', 'ap-shanghai'],
  ['an empty Region cell falls back to the default', '', 'ap-guangzhou', 'ap-guangzhou'],
  ['no Region column falls back to the default', undefined, 'ap-tokyo', 'ap-tokyo'],
];

for (const [title, cell, fallback, expected] of regions) {
  test(title, (t) => {
    const cells: RowCells = { ...good, Region: cell };
    if (cell === undefined) delete cells.Region;
    const { row, problems } = validateRow(2, cells, { region: fallback });
    t.deepEqual(problems, []);
    t.is(row?.region, expected);
  });
}

test('no Region cell and no default: an error saying how to give one', (t) => {
  const { row, problems } = validateRow(5, { ...good, Region: '' }, {});
  t.is(row, undefined);
  t.like(problems[0], { severity: 'error', line: 5, column: 'Region' });
  t.regex(problems[0]?.message ?? '', /Region column.*--region.*TENCENTCLOUD_REGION/);
});

test('an unknown default region is an error on each row that would use it', (t) => {
  const { row, problems } = validateRow(5, { ...good, Region: '' }, { region: 'mars-north-1' });
  t.is(row, undefined);
  t.like(problems[0], { severity: 'error', column: 'Region', value: 'mars-north-1' });
  t.regex(problems[0]?.message ?? '', /default region: unknown region/);
});

test('an unknown default region does not matter to a row with its own Region', (t) => {
  t.deepEqual(validateRow(5, good, { region: 'mars-north-1' }).problems, []);
});
