import { dirname, resolve } from 'node:path';
import type { PriorRecord } from '../core/journal-lines.js';
import type { ItemResult } from '../core/work-item.js';
import { journalsOfBatch, type BatchJournal } from '../services/batch-journals.js';
import { journalOfExport, readItemRecords, recordedBaseline, type RecordKind } from '../services/read-prior-results.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';

/**
 * Where a run of a batch finds the batch's record, whatever its items (policy rows, image tags): the
 * journals its runs left in one place, found by the input's fingerprint and the endpoint.
 */
export interface RecordPlace<R extends ItemResult> {
  /** How the kind's results are read back. */
  readonly kind: RecordKind<R>;
  /** The input's (or scope's) fingerprint, as each run's journal names it on its first line. */
  readonly input: string;
  readonly endpoint: readonly string[];
  /** An export names no input: the fingerprint its rows give, when the kind can tell one (a policy batch's identity columns). */
  readonly exportInput?: (results: readonly R[]) => string;
}

/** The --resume file's records read with those of later runs of the same batch, and the baseline its run's journal recorded. */
export interface ResumeRecords<R extends ItemResult> {
  readonly records: PriorRecord<R>[];
  readonly baseline: ReadonlySet<string>;
}

/**
 * The --resume file (refused when empty or not the kind's record) with the journals later runs of the same
 * batch left beside it, oldest first, said on `err`: resuming an older journal after a later run finished
 * keeps what that run settled instead of finding it done "before the batch".
 */
export async function readResumeRecords<R extends ItemResult>(place: RecordPlace<R>, path: string, err: NodeJS.WritableStream): Promise<ResumeRecords<R>> {
  const { records, baseline, since } = await readResumeFile(place, path);
  const given = resolve(path);
  const later = journalsOfBatch(dirname(given), place.input, place.endpoint).filter((j) => resolve(j.path) !== given && (since === undefined || j.at > since.at));
  if (later.length > 0) err.write(`${t('resume.laterRuns', { runs: count('count.laterRun', later.length), path, names: later.map((j) => j.path).join(', ') })}\n`);
  return { records: [...records, ...(await readJournals(place.kind, later))], baseline };
}

/** The journals earlier runs of the same batch left in `dir` (a re-run in the same place, without --resume), read in order. */
export async function readEarlierRuns<R extends ItemResult>(place: RecordPlace<R>, dir: string): Promise<{ readonly journals: readonly BatchJournal[]; readonly records: PriorRecord<R>[] }> {
  const journals = journalsOfBatch(dir, place.input, place.endpoint);
  return { journals, records: await readJournals(place.kind, journals) };
}

/**
 * The --resume file's records. An export names no run or input: its fingerprint comes from its identity
 * columns (when the kind gives one), and its baseline and start from the journal its run left beside it.
 */
async function readResumeFile<R extends ItemResult>(place: RecordPlace<R>, path: string): Promise<ResumeRecords<R> & { since?: BatchJournal }> {
  const records = await readItemRecords(path, t('prior.whatResume'), place.kind);
  const head = records.find((r) => r.run !== undefined);
  if (head) return { records, baseline: new Set(), since: startOf(path, head) };
  const journal = journalOfExport(path);
  const journalRecords = journal ? await readItemRecords(journal, 'journal', place.kind) : [];
  const first = journalRecords[0];
  const since = journal && first ? startOf(journal, first) : undefined;
  const { exportInput } = place;
  const printed = exportInput?.(records.flatMap((r) => (r.kind === 'result' ? [r.result] : [])));
  return { records: printed === undefined ? records : records.map((r) => ({ ...r, input: printed })), baseline: recordedBaseline(journalRecords), since };
}

/** When the run that wrote a journal started, from its first record (its run line, or an older journal's first intent). */
function startOf<R extends ItemResult>(path: string, first: PriorRecord<R>): BatchJournal {
  const at = first.kind === 'result' ? first.result.startedAt : first.at;
  return { path, run: first.run ?? '', at };
}

async function readJournals<R extends ItemResult>(kind: RecordKind<R>, journals: readonly BatchJournal[]): Promise<PriorRecord<R>[]> {
  const all: PriorRecord<R>[] = [];
  for (const j of journals) all.push(...(await readItemRecords(j.path, 'journal', kind)));
  return all;
}
