import { attributeToBatch, compactRecords, leftUnknown, statesOf } from './batch-record.js';
import { signedButGone, type ImageResume } from './image-resume.js';
import type { PriorRecord } from './journal-lines.js';
import { planImages, type ImageFacts, type ListedTag } from './plan-images.js';
import { TAG_ITEMS, tagKey, type TagResult } from './tag-item.js';
import { t } from '../i18n/messages.js';

/**
 * A re-run of a scope (no --resume) that finds the record earlier runs of it left in its place: every
 * tag planned afresh, then a tag it finds signed that the batch signed stays `signed` (the earlier
 * RequestId and a note), not `skipped`; a listed-unsigned tag an earlier run left unknown is read again
 * before it is sent (that run's request may still land); a tag the batch signed that is gone stays in
 * the results. Pure.
 */
export function rerunImages(tags: readonly ListedTag[], facts: ImageFacts, prior: readonly PriorRecord<TagResult>[]): ImageResume {
  const states = statesOf(prior);
  const plan = planImages(tags, facts);
  const settled = attributeToBatch(plan.settled, (r) => states.get(tagKey(r)), (_r, earlier) =>
    // An earlier result's own note (a resume's read of its KmsSignature, an earlier re-run's) is kept: it says more.
    earlier ? earlier.ErrorMessage || t('images.signedEarlier', { requestId: earlier.RequestId || '-' }) : t('images.noteSignedEarlier'), { done: 'signed', kind: TAG_ITEMS });
  const kept = settled.filter((r, i) => r !== plan.settled[i]).length;
  const unknown = new Set(plan.toSign.map(tagKey).filter((key) => leftUnknown(states.get(key), 'signed')));
  // Only what is still unknown travels in this run's journal: the rest this run records itself.
  const records = compactRecords(states, (key) => unknown.has(key));
  return {
    plan: { toSign: plan.toSign, settled: [...settled, ...signedButGone(states, tags)], counts: { ...plan.counts, skip: plan.counts.skip - kept } },
    unknown,
    carried: kept,
    settledUnknown: 0,
    records,
    runs: [...new Set(records.flatMap((r) => (r.run ? [r.run] : [])))],
  };
}
