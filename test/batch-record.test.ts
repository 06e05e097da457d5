import test from 'ava';
import { POLICY_ITEMS } from '../src/core/policy-item.js';
import { attributeToBatch, compactRecords, madeByBatch, statesOf } from '../src/core/batch-record.js';
import type { PriorRecord, RowRecord } from '../src/core/journal-lines.js';
import { resultOf, type RowResult, type RowStatus } from '../src/core/result.js';

const identity = (key: string): Parameters<typeof resultOf>[0] => {
  const [RegistryId = '', NamespaceName = ''] = key.split('/');
  return { line: 2, Region: 'ap-guangzhou', RegistryId, NamespaceName, Name: 'p', KmsId: 'k', KmsRegion: '', Domain: '', Disabled: '' };
};
const result = (key: string, status: RowStatus, over: Partial<RowResult> = {}, run = 'A'): RowRecord =>
  ({ kind: 'result', key, run, input: 'I', result: { ...resultOf(identity(key), status, { attempts: 1, startedAt: 't1' }), ...over } });
const intent = (key: string, notSigningBefore = true, run = 'A', at = 't0', attempt = 1): RowRecord =>
  ({ kind: 'intent', key, run, input: 'I', attempt, at, notSigningBefore });
const head: PriorRecord = { kind: 'run', run: 'A', input: 'I', at: 't' };

test('compactRecords reads back to the same states: what a resumed run copies forward loses nothing', (t) => {
  const records: PriorRecord[] = [
    head,
    intent('r/created'), result('r/created', 'created', { RequestId: 'q1' }),
    intent('r/unknown', true, 'A', 't0', 1), intent('r/unknown', true, 'B', 't5', 2), // a later attempt: the start stays the first
    intent('r/lost'), result('r/lost', 'failed', { ErrorCode: 'NetworkError' }),
    intent('r/no-baseline', false),
    result('r/skipped', 'skipped'),
    intent('r/other'),
  ];
  const states = statesOf(records);
  const compact = compactRecords(states, (key) => key !== 'r/other');
  const again = statesOf(compact);
  t.deepEqual([...again.keys()].sort(), ['r/created', 'r/lost', 'r/no-baseline', 'r/skipped', 'r/unknown']);
  for (const [key, state] of again) {
    // An intent copied forward carries the row's first attempt time (what a resume reports), not the last's.
    const without = (s: typeof state | undefined): unknown => (s?.last.kind === 'intent' ? { ...s, last: { ...s.last, at: '' } } : s);
    t.deepEqual(without(state), without(states.get(key)), key);
  }
  t.like(again.get('r/unknown'), { startedAt: 't0', last: { attempt: 2 } });
});

test('madeByBatch: created by the record, or unknown with a not-signing baseline; nothing else', (t) => {
  const cases: [string, RowRecord[], 'created' | 'unknown' | undefined][] = [
    ['created', [intent('k'), result('k', 'created')], 'created'],
    ['in flight, baseline not signing', [intent('k')], 'unknown'],
    ['unanswered, baseline not signing', [intent('k'), result('k', 'failed', { ErrorCode: 'Timeout' })], 'unknown'],
    ['in flight, no baseline', [intent('k', false)], undefined],
    ['skipped', [result('k', 'skipped')], undefined],
    ['a plain failure', [intent('k'), result('k', 'failed', { ErrorCode: 'InvalidParameter' })], undefined],
    ['deleted since', [intent('k'), result('k', 'created'), result('k', 'deleted')], undefined],
  ];
  for (const [name, records, expected] of cases) {
    const made = madeByBatch(statesOf(records).get('k'));
    t.is(made === undefined ? undefined : 'created' in made ? 'created' : 'unknown', expected, name);
  }
});

test('attributeToBatch: a skipped row the batch made becomes created with the earlier RequestId and a note; others stay', (t) => {
  const states = statesOf([intent('r/a'), result('r/a', 'created', { RequestId: 'q-a', startedAt: 's', finishedAt: 'f' }), intent('r/b'), intent('r/c', false)]);
  const settled = ['r/a', 'r/b', 'r/c', 'r/d'].map((key) => resultOf(identity(key), 'skipped', { ErrorMessage: 'signing before' }));
  const out = attributeToBatch(settled, (r) => states.get(`${r.RegistryId}/${r.NamespaceName}`), (_r, earlier) => (earlier ? `made by ${earlier.RequestId}` : 'made, unanswered'), { done: 'created', kind: POLICY_ITEMS });
  t.deepEqual(out.map((r) => [r.status, r.RequestId, r.ErrorMessage]), [
    ['created', 'q-a', 'made by q-a'],
    ['created', '', 'made, unanswered'],
    ['skipped', '', 'signing before'],
    ['skipped', '', 'signing before'],
  ]);
  t.like(out[0], { startedAt: 's', finishedAt: 'f' });
});
