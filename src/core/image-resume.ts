import { compactRecords, statesOf, type KeyState } from './batch-record.js';
import type { PriorRecord, RowRecord } from './journal-lines.js';
import { planImages, type ImageFacts, type ImagePlan, type ListedTag } from './plan-images.js';
import { TAG_ITEMS, tagKey, type TagItem, type TagResult } from './tag-item.js';
import { outcomeUnknown } from './unknown-outcome.js';
import type { ItemResult } from './work-item.js';
import { t } from '../i18n/messages.js';

/** What is left of a signing run after an earlier one, from the earlier record and a fresh listing. */
export interface ImageResume {
  /** The plan of this run: tags the record says are signed carried forward (with their RequestIds), the rest planned afresh. */
  readonly plan: ImagePlan;
  /** Tags the earlier run left unknown that the listing still shows unsigned: read again (KmsSignature) right before any send. */
  readonly unknown: ReadonlySet<string>;
  /** How many tags were carried as signed, and how many of those the earlier run left unknown (settled by the listing's read). */
  readonly carried: number;
  readonly settledUnknown: number;
  /** What this run's journal copies forward: the earlier record, so its journal alone is the whole run's. */
  readonly records: readonly RowRecord<ItemResult>[];
  readonly runs: readonly string[];
  /** Why the record does not look like this scope's (refused unless --force). */
  readonly mismatch?: string;
}

/**
 * Per listed tag, by its key (`registry/namespace/repository:tag`) and its last record: `signed` there is
 * carried with that run's RequestId and times; an intent or an unanswered attempt is settled by the
 * tag's KmsSignature as the listing just read it (set: that attempt signed it; empty: read once more
 * before it is sent, never sent blind); everything else is planned as a fresh run would. Pure.
 */
export function resumeImages(tags: readonly ListedTag[], facts: ImageFacts, prior: readonly PriorRecord<TagResult>[], input: string): ImageResume {
  const states = statesOf(prior);
  const carried: TagResult[] = [];
  const fresh: ListedTag[] = [];
  const unknown = new Set<string>();
  let matched = 0;
  let settledUnknown = 0;
  for (const listed of tags) {
    const key = tagKey(listed);
    const state = states.get(key);
    const last = state?.last;
    if (state) matched += 1;
    const { signed, ...tag } = listed;
    if (last?.kind === 'result' && last.result.status === 'signed') {
      carried.push(carriedSigned(tag, last.result));
      continue;
    }
    const wasUnknown = last !== undefined && (last.kind === 'intent' || outcomeUnknown(last.result));
    if (wasUnknown && signed) {
      settledUnknown += 1;
      const attempts = last.kind === 'intent' ? last.attempt : last.result.attempts;
      carried.push(TAG_ITEMS.result(tag, 'signed', { ErrorMessage: t('images.noteSignedEarlier'), attempts, startedAt: state?.startedAt ?? '' }));
      continue;
    }
    if (wasUnknown) unknown.add(key);
    fresh.push(listed);
  }
  const plan = planImages(fresh, facts);
  const records = compactRecords(states, () => true);
  return {
    plan: { toSign: plan.toSign, settled: [...carried, ...plan.settled, ...signedButGone(states, tags)], counts: plan.counts },
    unknown,
    carried: carried.length,
    settledUnknown,
    records,
    runs: [...new Set(records.flatMap((r) => (r.run ? [r.run] : [])))],
    mismatch: mismatchOf(prior, input, matched),
  };
}

/** A signed tag carried forward: that run's RequestId, attempts and times, and a note saying so when it has none of its own. */
function carriedSigned(tag: TagItem, r: TagResult): TagResult {
  const note = r.ErrorMessage || t('images.signedEarlier', { requestId: r.RequestId || '-' });
  return TAG_ITEMS.result(tag, 'signed', { RequestId: r.RequestId, ErrorMessage: note, attempts: r.attempts, startedAt: r.startedAt, finishedAt: r.finishedAt });
}

/**
 * Tags the record says the batch signed that the listing no longer shows (deleted since): still in the
 * results, as recorded, so they describe the whole run. A tag only planned or in flight and gone now has no row.
 */
export function signedButGone(states: ReadonlyMap<string, KeyState<TagResult>>, listed: readonly ListedTag[]): TagResult[] {
  const seen = new Set(listed.map(tagKey));
  const gone: TagResult[] = [];
  for (const [key, { last }] of states) {
    if (!seen.has(key) && last.kind === 'result' && last.result.status === 'signed') gone.push(carriedSigned(last.result, last.result));
  }
  return gone;
}

/** Another scope's record (its run lines name another input), or one that names none of the listed tags (a policy journal). */
function mismatchOf(prior: readonly PriorRecord<TagResult>[], input: string, matched: number): string | undefined {
  const inputs = new Set(prior.flatMap((r) => (r.input ? [r.input] : [])));
  if (inputs.size > 0 && !inputs.has(input)) return t('images.resumeOtherScope');
  if (matched === 0) return t('images.resumeNoTagsInCommon');
  return undefined;
}
