import type { ResumePlan } from '../core/apply-resume.js';
import { identityOf, resultOf, type RowResult } from '../core/result.js';
import { finishStopped } from './finish-run.js';
import type { CarriedRecord } from '../services/journal.js';
import { openRunJournal } from './run-with-faces.js';
import type { PreparedRun, RunRequest } from './run-request.js';
import type { SendRequest } from './send-rows.js';
import type { ItemResult } from '../core/work-item.js';
import { t } from '../i18n/messages.js';

/**
 * Every row's result when a run stops before its first request: what was settled stays as it was, the
 * rows to send are `not-sent`, and a row an earlier run left unknown stays unknown (the next resume
 * checks it rather than sending it blind).
 */
export function unsentResults(req: SendRequest, resume: ResumePlan | undefined, prepared: PreparedRun | undefined): RowResult[] {
  const notSent = (row: PreparedRun['toSend'][number]): RowResult => resultOf(identityOf(row), 'not-sent');
  // A plan the stop cut short has only its aborted reads to say: its rows are simply not sent.
  if (prepared && !prepared.plan?.failure) return [...prepared.settled, ...prepared.toSend.map(notSent)];
  if (!resume) return [...req.settled, ...req.rows.map(notSent)];
  const unknown = resume.toCheck.map(({ row, attempts, startedAt }) =>
    resultOf(identityOf(row), 'failed', { ErrorCode: 'OutcomeUnknown', ErrorMessage: t('run.stillUnknown'), attempts, startedAt }));
  return [...req.settled, ...resume.carried, ...unknown, ...resume.toSend.map(notSent)];
}

/**
 * A run stopped (a signal, Ctrl-C at the question) before sending: a live run's journal holds every
 * row, so the resume line has a file to name; then the export and the closing lines, exit 130.
 */
export async function finishBeforeSending<I, R extends ItemResult>(req: RunRequest<I, R>, input: string, results: readonly R[], carried?: CarriedRecord): Promise<number> {
  process.stderr.write(`${t('run.stoppedBeforeSending')}\n`);
  if (req.options.dryRun) return finishStopped(req, results);
  const journal = await openRunJournal(req, input, carried);
  for (const result of results) journal.result(req.operation.item.key(result), result);
  await journal.close();
  return finishStopped(req, results, journal.path);
}
