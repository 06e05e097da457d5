import type { FailedOutcome } from './api-outcome.js';
import { classifyFailure } from './classify-error.js';

/** AssumeRole attempts per role before its account stops: the first and three retries. */
export const ASSUME_ROLE_ATTEMPTS = 4;

/** STS's InternalError sub-codes that are about the role itself (it does not exist, or is not a role): asking again cannot help. */
const ROLE_PROBLEMS = new Set(['InternalError.GetRoleError', 'InternalError.IllegalRole']);

/**
 * Whether an AssumeRole failure may pass if asked again: no answer, a 5xx, a refused connection,
 * throttling (RequestLimitExceeded, or STS's own InvalidParameter.OverLimit), or an InternalError that
 * is not about the role. Anything else (the role does not exist, the caller may not assume it, a bad
 * parameter) is the answer for the whole run. Pure.
 */
export function isTransientStsFailure(failure: Pick<FailedOutcome, 'code' | 'httpStatus'>): boolean {
  const kind = classifyFailure(failure);
  if (kind === 'throttled' || kind === 'refused' || kind === 'unknown') return true;
  if (failure.code === 'InvalidParameter.OverLimit') return true;
  return (failure.code === 'InternalError' || failure.code.startsWith('InternalError.')) && !ROLE_PROBLEMS.has(failure.code);
}
