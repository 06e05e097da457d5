import type { FailedOutcome } from './api-outcome.js';
import { classifyFailure } from './classify-error.js';
import type { RowResult } from './result.js';
import { t } from '../i18n/messages.js';

/** Codes of a failed row whose policy may exist all the same: no answer, cut off, or unknown since. */
const UNKNOWN_CODES = new Set(['NetworkError', 'Timeout', 'HttpError', 'Aborted', 'OutcomeUnknown']);

/** A recorded failure that does not say whether the change was made: a resume checks it before sending again. */
export function outcomeUnknown(result: Pick<RowResult, 'status' | 'ErrorCode'>): boolean {
  return result.status === 'failed' && UNKNOWN_CODES.has(result.ErrorCode);
}

/**
 * The failure to record for a row after one of its attempts had no answer: a later answer (throttled,
 * refused, stopped) says nothing of that attempt, so the row stays unknown (`OutcomeUnknown`) with
 * the last answer kept in the message. A last attempt that itself had no answer is recorded as it is.
 */
export function stillUnknown(last: FailedOutcome): FailedOutcome {
  if (classifyFailure(last) === 'unknown' || UNKNOWN_CODES.has(last.code)) return last;
  return {
    ok: false,
    code: 'OutcomeUnknown',
    message: t('note.stillUnknown', { code: last.code, message: last.message }),
    requestId: last.requestId,
  };
}
