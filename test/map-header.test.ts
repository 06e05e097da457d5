import test from 'ava';
import { mapHeader, normaliseColumnName } from '../src/core/map-header.js';
import { INPUT_COLUMNS, type InputColumn } from '../src/core/policy-row.js';

const spellings: readonly (readonly [string, InputColumn])[] = [
  ['RegistryId', 'RegistryId'],
  ['registry_id', 'RegistryId'],
  ['Registry Id', 'RegistryId'],
  ['REGISTRY-ID', 'RegistryId'],
  ['registryid', 'RegistryId'],
  ['  RegistryId  ', 'RegistryId'],
  ['namespace-name', 'NamespaceName'],
  ['Namespace Name', 'NamespaceName'],
  ['NAMESPACE_NAME', 'NamespaceName'],
  ['name', 'Name'],
  ['kms_id', 'KmsId'],
  ['KMS Id', 'KmsId'],
  ['kms-region', 'KmsRegion'],
  ['Kms Region', 'KmsRegion'],
  ['domain', 'Domain'],
  ['DISABLED', 'Disabled'],
  ['region', 'Region'],
];

for (const [spelling, column] of spellings) {
  test(`header ${JSON.stringify(spelling)} means ${column}`, (t) => {
    const header = INPUT_COLUMNS.map((c) => (c === column ? spelling : c));
    const { columns, problems } = mapHeader(header);
    t.deepEqual(problems, []);
    t.is(columns[INPUT_COLUMNS.indexOf(column)], column);
  });
}

test('normaliseColumnName ignores case, spaces, _ and -', (t) => {
  t.is(normaliseColumnName('Registry_ Id-'), 'registryid');
  t.is(normaliseColumnName('kms\tregion'), 'kmsregion');
});

test('columns map by name in any order', (t) => {
  const header = ['KmsId', 'name', 'namespace_name', 'Registry Id', 'KmsRegion'];
  const { columns, problems } = mapHeader(header);
  t.deepEqual(problems, []);
  t.deepEqual(columns, ['KmsId', 'Name', 'NamespaceName', 'RegistryId', 'KmsRegion']);
});

test('Domain, Disabled and Region may be left out', (t) => {
  t.deepEqual(mapHeader(['RegistryId', 'NamespaceName', 'Name', 'KmsId', 'KmsRegion']).problems, []);
});

for (const missing of ['RegistryId', 'NamespaceName', 'Name', 'KmsId', 'KmsRegion'] as const) {
  test(`a header without ${missing} is an error naming it`, (t) => {
    const { problems } = mapHeader(INPUT_COLUMNS.filter((c) => c !== missing));
    t.deepEqual(problems, [{ severity: 'error', line: 1, column: missing, message: 'required column is missing from the header' }]);
  });
}

test('every missing required column is reported, not only the first', (t) => {
  const { problems } = mapHeader(['Region', 'Name']);
  t.deepEqual(problems.map((p) => p.column), ['RegistryId', 'NamespaceName', 'KmsId', 'KmsRegion']);
  t.true(problems.every((p) => p.severity === 'error'));
});

test('an unknown column is an error that names it and lists the real columns', (t) => {
  const { problems } = mapHeader([...INPUT_COLUMNS, 'Owner']);
  t.is(problems.length, 1);
  t.like(problems[0], { severity: 'error', line: 1, column: 'Owner' });
  t.regex(problems[0]?.message ?? '', /unknown column; the columns are RegistryId, NamespaceName, Name, KmsId, KmsRegion, Domain, Disabled, Region/);
});

test('an empty header cell is named by its position', (t) => {
  const { problems } = mapHeader([...INPUT_COLUMNS, '']);
  t.like(problems[0], { severity: 'error', column: `column ${INPUT_COLUMNS.length + 1}` });
});

test('a column given twice, in two spellings, is an error', (t) => {
  const { problems } = mapHeader([...INPUT_COLUMNS, 'registry_id']);
  t.is(problems.length, 1);
  t.like(problems[0], { severity: 'error', column: 'registry_id' });
  t.regex(problems[0]?.message ?? '', /RegistryId appears twice/);
});

test('unknown and missing columns are reported together, on the header line given', (t) => {
  const { problems } = mapHeader(['RegistryId', 'Namespace', 'Name', 'KmsId', 'KmsRegion'], 3);
  t.deepEqual(problems.map((p) => [p.line, p.column]), [[3, 'Namespace'], [3, 'NamespaceName']]);
});
