import test from 'ava';
import { coverageOf, coveragePercent, coverageTotals, type RegistryCoverage } from '../src/core/coverage.js';
import { coverageCsvRow, coverageRecord, formatCoverageLine, touchedCoverageOf } from '../src/core/coverage-records.js';
import { formatCoverageTable, formatReadFailures } from '../src/ui/coverage-table.js';

const GZ = { registryId: 'tcr-ab12cd34', region: 'ap-guangzhou', status: 'Running' };
const LONG = { registryId: 'tcr-stopped01', region: 'na-siliconvalley', status: 'Isolated' };
const DENIED: RegistryCoverage = {
  registryId: 'tcr-fra00001', region: 'eu-frankfurt', status: 'Running',
  error: { code: 'UnauthorizedOperation', message: 'not allowed', requestId: 'r-1', hint: 'grant it' },
};

const percents: readonly [signing: number, namespaces: number, percent: number | null][] = [
  [0, 0, null],
  [0, 5, 0],
  [1, 3, 33],
  [299, 300, 99],
  [300, 300, 100],
];
for (const [signing, namespaces, percent] of percents) {
  test(`coverage of ${signing}/${namespaces} is ${percent}`, (t) => {
    t.is(coveragePercent({ signing, namespaces }), percent);
  });
}

test('coverageOf counts only signing namespaces the full list has, so the figures add up', (t) => {
  const c = coverageOf(GZ, new Set(['a', 'b', 'c']), new Set(['b', 'gone']));
  t.like(c, { namespaces: 3, signing: 1, notSigning: 2 });
});

test('totals leave unreadable registries out of the figures but count them', (t) => {
  const rows = [coverageOf(GZ, new Set(['a', 'b']), new Set(['a'])), coverageOf(LONG, new Set(['c']), new Set()), DENIED];
  t.deepEqual(coverageTotals(rows), { registries: 3, unreadable: 1, namespaces: 3, signing: 1, notSigning: 2 });
});

test('a table when it fits the width; otherwise two lines per registry, none longer than 60', (t) => {
  const rows = [coverageOf(GZ, new Set(['a', 'b']), new Set(['a'])), coverageOf(LONG, new Set(['c']), new Set()), DENIED];
  const wide = formatCoverageTable(rows, 84);
  for (const line of wide.split('\n')) t.true(line.length <= 84, line);
  t.regex(formatCoverageTable(rows, 83), /^tcr-ab12cd34 {2}ap-guangzhou {2}Running\n/, 'one column short: stacked');
  t.regex(wide, /^tcr-ab12cd34 +ap-guangzhou +Running +2 +1 +1 +50%$/m);
  t.regex(wide, /^tcr-fra00001 +eu-frankfurt +Running +\? +\? +\? +unreadable$/m);
  const narrow = formatCoverageTable(rows, 60);
  for (const line of narrow.split('\n')) t.true(line.length <= 60, line);
  t.regex(narrow, /^tcr-stopped01 {2}na-siliconvalley {2}Isolated\n {2}1 namespace: 0 signing, 1 not signing \(0%\)$/m);
  t.regex(narrow, /Total: 3 registries in 3 regions \(1 unreadable, not counted\)\n {2}3 namespaces: 1 signing, 2 not signing \(33%\)\n$/);
});

test('read failures name the registry, the code, the RequestId, and the hint once', (t) => {
  t.is(formatReadFailures([coverageOf(GZ, new Set(), new Set())]), '');
  t.is(
    formatReadFailures([DENIED, { ...DENIED, registryId: 'tcr-fra00002' }]),
    'error: 2 registries could not be read; the others are shown:\n' +
      '  tcr-fra00001 (eu-frankfurt): UnauthorizedOperation: not allowed (RequestId r-1)\n' +
      '  tcr-fra00002 (eu-frankfurt): UnauthorizedOperation: not allowed (RequestId r-1)\nhint: grant it\n',
  );
});

test('records: null figures and the error for an unreadable registry; CSV cells neutralise formulas', (t) => {
  t.deepEqual(coverageRecord(DENIED), {
    registryId: 'tcr-fra00001', region: 'eu-frankfurt', status: 'Running', namespaces: null, signing: null, notSigning: null, coverage: null,
    error: { code: 'UnauthorizedOperation', message: 'not allowed', requestId: 'r-1' },
  });
  t.deepEqual(coverageCsvRow({ ...DENIED, error: { ...DENIED.error, message: '=HYPERLINK()' } as RegistryCoverage['error'] } as RegistryCoverage).slice(7), ['UnauthorizedOperation', "'=HYPERLINK()", 'r-1']);
  t.deepEqual(coverageCsvRow(coverageOf(GZ, new Set(['a']), new Set(['a']))), ['tcr-ab12cd34', 'ap-guangzhou', 'Running', '1', '1', '0', '100', '', '', '']);
});

test('the line after a batch: each registry touched, in order, with its coverage or why it could not be read', (t) => {
  const rows = [coverageOf(GZ, new Set(Array.from({ length: 27 }, (_, i) => `n${i}`)), new Set(Array.from({ length: 27 }, (_, i) => `n${i}`))), DENIED];
  t.is(formatCoverageLine(rows.map(touchedCoverageOf)), 'Coverage now: tcr-ab12cd34 27/27 signing (100%), tcr-fra00001 could not be read (UnauthorizedOperation)');
});

test('the coverage line that would not fit the terminal puts one registry on a line', (t) => {
  const rows = [
    { registryId: 'tcr-ab12cd34', region: 'ap-guangzhou', namespaces: 27, signing: 27, notSigning: 0, coverage: 100 },
    { registryId: 'tcr-9x8y7z6w', region: 'ap-shanghai', namespaces: 21, signing: 19, notSigning: 2, coverage: 90 },
  ];
  t.is(formatCoverageLine(rows, 60), 'Coverage now:\n  tcr-ab12cd34 27/27 signing (100%)\n  tcr-9x8y7z6w 19/21 signing (90%)');
  t.is(formatCoverageLine(rows, 120).split('\n').length, 1);
});
