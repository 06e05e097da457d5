import test from 'ava';
import { formatInputError } from '../src/core/format-input-error.js';
import { InputError } from '../src/core/errors.js';
import { summarisePerKind } from '../src/core/summarise.js';
import { formatPlan } from '../src/ui/format-plan.js';

test('summarisePerKind: at most max of each kind, in order, each kind\'s count right after its last shown item', (t) => {
  const items = ['a1', 'b1', 'a2', 'a3', 'b2', 'a4', 'c1'];
  t.deepEqual(summarisePerKind(items, (s) => s[0] ?? '', 2), [{ item: 'a1' }, { item: 'b1' }, { item: 'a2' }, { more: 2 }, { item: 'b2' }, { item: 'c1' }]);
  t.deepEqual(summarisePerKind(items, (s) => s[0] ?? '', 20).length, items.length, 'nothing left out under the cap');
  t.deepEqual(summarisePerKind([], () => ''), []);
});

test('a 10,000-column header is 20 lines and one "and N more like this", not 10,002', (t) => {
  const problems = Array.from({ length: 10_000 }, (_, i) => ({ severity: 'error' as const, line: 1, column: `extra${i}`, message: 'unknown column' }));
  const text = formatInputError(new InputError('the header has unknown columns', 'wide.csv', problems));
  const lines = text.trimEnd().split('\n');
  t.is(lines.filter((l) => l.includes('extra')).length, 20);
  t.true(lines.includes('… and 9980 more like this'), text);
  t.true(lines.length < 25, `${lines.length} lines`);
});

test('the plan lists at most 20 blocked rows per reason, then how many more', (t) => {
  const blocked = Array.from({ length: 45 }, (_, i) => ({
    line: i + 2, region: 'ap-guangzhou', key: `tcr-x/ns${i}`, code: i < 25 ? 'Blocked.NamespaceNotFound' : 'Blocked.KeyUsage', reason: 'why',
  }));
  const text = formatPlan({ counts: { create: 0, skip: 0, blocked: 45 }, blocked, skipped: [], readCalls: {} });
  t.is(text.split('\n').filter((l) => l.includes('Blocked.NamespaceNotFound')).length, 20);
  t.is(text.split('\n').filter((l) => l.includes('Blocked.KeyUsage')).length, 20);
  t.regex(text, /… and 5 more like this \(the export and --json list every row\)\n {2}line 27/);
});
