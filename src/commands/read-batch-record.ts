import { applyResume, type ResumePlan } from '../core/apply-resume.js';
import { attributeToBatch, compactRecords, leftUnknown, madeByBatch, statesOf, type KeyState } from '../core/batch-record.js';
import { UsageError } from '../core/errors.js';
import { POLICY_ITEMS } from '../core/policy-item.js';
import { policyKey } from '../core/policy-row.js';
import type { RowResult } from '../core/result.js';
import { identitiesFingerprint } from '../services/input-fingerprint.js';
import type { EarlierOutcome } from '../services/engine/run-batch.js';
import type { CarriedRecord } from '../services/journal.js';
import { journalDirFor } from '../services/journal.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';
import { readEarlierRuns, readResumeRecords } from './read-run-record.js';
import type { SendRequest } from './send-rows.js';

/** What earlier runs of this batch recorded, as this run reads it before sending anything. */
export interface BatchRecord {
  /** With --resume: what is left of the batch. */
  readonly resume?: ResumePlan;
  /** Each row key's state in the batch's record. */
  readonly states: ReadonlyMap<string, KeyState>;
  /** What this run's journal copies forward, so its journal alone is the batch's record. */
  readonly carried: CarriedRecord;
}

/**
 * The batch's record: the --resume file (refused when empty or written for another input, unless
 * --force) with the journals of later runs of the same input beside it; or, without --resume, the
 * journals earlier runs of the same input left in this run's place (a re-run with --force).
 */
export async function readBatchRecord(req: SendRequest, input: string, err: NodeJS.WritableStream): Promise<BatchRecord | undefined> {
  const { options } = req;
  const place = { kind: POLICY_ITEMS, input, endpoint: options.endpoint.given, exportInput: identitiesFingerprint };
  // Built only when a record is read: a preview of a big file without --resume needs no set of its keys.
  const keys = (): Set<string> => new Set(req.rows.map((r) => policyKey(r.request)));
  if (options.resume) {
    const { records: all, baseline } = await readResumeRecords(place, options.resume, err);
    const resume = applyResume(req.rows, all, input, baseline);
    if (resume.mismatch && !options.force) throw new UsageError(t('resume.mismatch', { path: options.resume, why: resume.mismatch }), t('resume.mismatchHint'));
    const batch = keys();
    return recordOf(statesOf(all, baseline), (key) => batch.has(key), resume);
  }
  // A preview changes nothing and a rollback's rows are another batch's: only a live run of the batch reads its place.
  if (options.dryRun || req.operation.doneStatus !== 'created') return undefined;
  const dir = journalDirFor(options.out, req.journalDir);
  const earlier = await readEarlierRuns(place, dir);
  if (earlier.journals.length === 0) return undefined;
  err.write(`${t('rerun.found', { runs: count('count.run', earlier.journals.length), dir })}\n`);
  // A re-run plans every row afresh: a row it finds signing is settled by that read (and kept `created` if
  // the batch made it); one it finds not signing is sent anew. Only a row an earlier run left unknown
  // still needs its record carried, since that run's request may land after this run's plan read.
  const states = statesOf(earlier.records);
  const batch = keys();
  return recordOf(states, (key) => batch.has(key) && leftUnknown(states.get(key)));
}

function recordOf(states: ReadonlyMap<string, KeyState>, keep: (key: string) => boolean, resume?: ResumePlan): BatchRecord {
  const records = compactRecords(states, keep);
  const runs = [...new Set(records.flatMap((r) => (r.run ? [r.run] : [])))];
  return { resume, states, carried: { runs, records } };
}

/** A plan's `skipped` rows that the batch's record says the batch made: `created`, with the earlier RequestId and a note. */
export function keepBatchCreations(settled: readonly RowResult[], record: BatchRecord | undefined): readonly RowResult[] {
  if (!record || record.states.size === 0) return settled;
  return attributeToBatch(settled, (r) => record.states.get(policyKey(r)), (_r, earlier) =>
    earlier ? t('rerun.createdEarlier', { requestId: earlier.RequestId || '-' }) : t('rerun.confirmedByPlan'), { done: 'created', kind: POLICY_ITEMS });
}

/**
 * For a run that sends the batch's rows again without a plan (--no-preflight): a row the record says an
 * earlier run created, answered that its policy exists, keeps that run's RequestId and times, with a note,
 * so the last results file is still the one to roll back.
 */
export function earlierCreations(record: BatchRecord | undefined): ((key: string, answer: { readonly code: string }) => EarlierOutcome | undefined) | undefined {
  if (!record || record.states.size === 0) return undefined;
  return (key, answer) => {
    const made = madeByBatch(record.states.get(key));
    if (!made || !('created' in made)) return undefined;
    const { RequestId, attempts, startedAt, finishedAt } = made.created;
    return { outcome: { RequestId, attempts, startedAt, finishedAt }, note: t('rerun.createdEarlierAnswered', { requestId: RequestId || '-', code: answer.code }) };
  };
}

/** Keys the batch's record leaves unknown: an earlier run's request may still land while this run sends the row. */
export function unknownIn(record: BatchRecord | undefined): string[] {
  if (!record) return [];
  return [...record.states].flatMap(([key, state]) => (leftUnknown(state) ? [key] : []));
}
