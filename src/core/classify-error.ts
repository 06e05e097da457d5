import type { FailedOutcome } from './api-outcome.js';

/**
 * What to do after a failed attempt:
 * - `throttled`: RequestLimitExceeded and its sub-codes; nothing happened, retry after backing off.
 * - `refused`: the connection was refused, so the request was never delivered; retry.
 * - `unknown`: no answer or a 5xx; the policy may or may not exist now, retry and check if it then "exists".
 * - `stop-run`: credentials are wrong; every other row would fail the same way.
 * - `final`: any other API error; retrying will not help.
 */
export type FailureKind = 'throttled' | 'refused' | 'unknown' | 'stop-run' | 'final';

/** Our code for a refused connection: known not delivered, unlike NetworkError. */
export const CONNECTION_REFUSED = 'ConnectionRefused';

/** Failures with no answer from the service. */
export const NO_ANSWER_CODES = new Set(['NetworkError', 'Timeout', 'HttpError']);

export function classifyFailure(outcome: Pick<FailedOutcome, 'code' | 'httpStatus'>): FailureKind {
  const { code } = outcome;
  if (isThrottling(code)) return 'throttled';
  if (code === CONNECTION_REFUSED) return 'refused';
  if (NO_ANSWER_CODES.has(code) || (outcome.httpStatus !== undefined && outcome.httpStatus >= 500)) return 'unknown';
  if (code.startsWith('AuthFailure')) return 'stop-run';
  return 'final';
}

export function isRetryable(kind: FailureKind): boolean {
  return kind === 'throttled' || kind === 'refused' || kind === 'unknown';
}

export function isThrottling(code: string): boolean {
  return code === 'RequestLimitExceeded' || code.startsWith('RequestLimitExceeded.');
}

/** The API's answer when the namespace already has a policy. */
export function meansAlreadyExists(code: string): boolean {
  return code === 'ResourceInUse' || code.startsWith('ResourceInUse.');
}
