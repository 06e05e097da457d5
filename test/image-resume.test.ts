// core/image-resume.ts: what a --resume record leaves of a signing run, tag by tag, from the record and a fresh listing.
import test from 'ava';
import { rerunImages } from '../src/core/image-rerun.js';
import { resumeImages } from '../src/core/image-resume.js';
import type { PriorRecord } from '../src/core/journal-lines.js';
import type { ListedTag } from '../src/core/plan-images.js';
import { TAG_ITEMS, tagKey, type TagResult } from '../src/core/tag-item.js';
import type { RowStatus } from '../src/core/work-item.js';

const tag = (n: number, signed = false, namespace = 'apps'): ListedTag =>
  ({ line: n, Region: 'ap-guangzhou', RegistryId: 'tcr-r', NamespaceName: namespace, RepositoryName: 'images/debian', ImageVersion: `v${n}`, Digest: `sha256:${n}`, signed });
const facts = { hasPolicy: (_r: string, ns: string) => ns !== 'tools' };
const result = (n: number, status: RowStatus, over: Partial<TagResult> = {}): PriorRecord<TagResult> => {
  const { signed: _signed, ...id } = tag(n);
  return { kind: 'result', key: tagKey(id), run: 'A', input: 'scope', result: { ...TAG_ITEMS.result(id, status), ...over } };
};
const intent = (n: number): PriorRecord<TagResult> => ({ kind: 'intent', key: tagKey(tag(n)), run: 'A', input: 'scope', attempt: 1, at: 't0', notSigningBefore: true });

test('by each tag\'s last record: signed is carried with its RequestId; unknown is settled by the listed KmsSignature or read again; the rest planned afresh', (t) => {
  const prior = [
    { kind: 'run', run: 'A', input: 'scope', at: 't0' } as const,
    result(1, 'signed', { RequestId: 'req-1', attempts: 1 }),
    intent(2), // in flight at the kill, and signed by it (the listing shows it signed)
    intent(3), // in flight, never landed (the listing shows it unsigned)
    result(4, 'failed', { ErrorCode: 'Timeout' }),
    result(5, 'failed', { ErrorCode: 'InternalError' }),
    result(6, 'not-sent'),
  ];
  const listed = [tag(1, true), tag(2, true), tag(3), tag(4), tag(5), tag(6), tag(7, true), tag(8, false, 'tools')];
  const r = resumeImages(listed, facts, prior, 'scope');
  t.is(r.mismatch, undefined);
  const status = new Map(r.plan.settled.map((x) => [x.ImageVersion, x]));
  t.like(status.get('v1'), { status: 'signed', RequestId: 'req-1', attempts: 1 });
  t.like(status.get('v2'), { status: 'signed', RequestId: '' });
  t.regex(status.get('v2')?.ErrorMessage ?? '', /KmsSignature, read now, is set/);
  t.like(status.get('v7'), { status: 'skipped' }, 'signed before the run: skipped as a fresh plan says');
  t.like(status.get('v8'), { status: 'invalid', ErrorCode: 'Blocked.NoSignaturePolicy' });
  t.deepEqual(r.plan.toSign.map((x) => x.ImageVersion), ['v3', 'v4', 'v5', 'v6']);
  t.deepEqual([...r.unknown].sort(), [tagKey(tag(3)), tagKey(tag(4))], 'only the unknown ones are read again before sending');
  t.is(r.carried, 2);
  t.is(r.settledUnknown, 1);
  t.deepEqual(r.runs, ['A']);
  t.true(r.records.some((x) => x.kind === 'intent' && x.key === tagKey(tag(3))), 'an unknown tag stays an intent in the record carried forward');
});

test('another scope\'s record, or one naming none of the listed tags, is a mismatch', (t) => {
  t.regex(resumeImages([tag(1)], facts, [result(1, 'signed')], 'other-scope').mismatch ?? '', /another scope/);
  const policyIntent: PriorRecord<TagResult> = { kind: 'intent', key: 'tcr-r/apps', attempt: 1, at: 't0', notSigningBefore: true };
  t.regex(resumeImages([tag(1)], facts, [policyIntent], 'scope').mismatch ?? '', /names none of the tags/);
  t.is(resumeImages([tag(1)], facts, [result(1, 'not-sent')], 'scope').mismatch, undefined);
});

test('a tag the record says was signed that the listing no longer shows (deleted since) stays signed in the results; one only planned or in flight and gone has no row', (t) => {
  const prior = [result(1, 'signed', { RequestId: 'req-1', attempts: 1 }), result(2, 'signed', { RequestId: 'req-2' }), intent(3), result(4, 'not-sent')];
  const r = resumeImages([tag(1, true)], facts, prior, 'scope');
  t.deepEqual(r.plan.settled.map((x) => [x.ImageVersion, x.status, x.RequestId]), [['v1', 'signed', 'req-1'], ['v2', 'signed', 'req-2']]);
  t.regex(r.plan.settled[1]?.ErrorMessage ?? '', /signed by an earlier run of this batch \(RequestId req-2\)/);
  t.deepEqual(r.plan.toSign, []);
});

test('a re-run (no --resume) that finds the record: a tag it finds signed that the batch signed stays signed with the earlier RequestId and a note; signed before the batch stays skipped; an unknown tag listed unsigned is read before it is sent', (t) => {
  const prior = [
    { kind: 'run', run: 'A', input: 'scope', at: 't0' } as const,
    intent(1), result(1, 'signed', { RequestId: 'req-1', attempts: 1, startedAt: 's1', finishedAt: 'f1' }),
    intent(2), // in flight at a kill; the listing shows it signed: that attempt signed it
    intent(3), // in flight; the listing shows it unsigned
    result(4, 'skipped'), // signed before the batch
    result(5, 'signed', { RequestId: 'req-5' }), // deleted from the registry since
  ];
  const r = rerunImages([tag(1, true), tag(2, true), tag(3), tag(4, true)], facts, prior);
  const by = new Map(r.plan.settled.map((x) => [x.ImageVersion, x]));
  t.like(by.get('v1'), { status: 'signed', RequestId: 'req-1', attempts: 1, startedAt: 's1', finishedAt: 'f1' });
  t.regex(by.get('v1')?.ErrorMessage ?? '', /earlier run of this batch \(RequestId req-1\)/);
  t.like(by.get('v2'), { status: 'signed', RequestId: '' });
  t.regex(by.get('v2')?.ErrorMessage ?? '', /KmsSignature, read now, is set/);
  t.like(by.get('v4'), { status: 'skipped' });
  t.like(by.get('v5'), { status: 'signed', RequestId: 'req-5' });
  t.deepEqual(r.plan.toSign.map((x) => x.ImageVersion), ['v3']);
  t.deepEqual([...r.unknown], [tagKey(tag(3))]);
  t.deepEqual(r.plan.counts, { sign: 1, skip: 1, blocked: 0 }, 'the plan counts the batch\'s own tags out of "skip"');
  t.deepEqual(r.records.map((x) => x.key), [tagKey(tag(3))], 'only the unknown tag travels in the re-run\'s journal');
});
