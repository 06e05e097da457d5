// core/image-resume.ts: what a --resume record leaves of a signing run, tag by tag, from the record and a fresh listing.
import test from 'ava';
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
