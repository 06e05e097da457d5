import type { FailedOutcome } from './api-outcome.js';

/**
 * What to do after a failed attempt:
 * - `throttled`: RequestLimitExceeded and its sub-codes; nothing happened, retry after backing off.
 * - `refused`: the connection was refused, so the request was never delivered; retry.
 * - `unreachable`: the host name does not resolve, or TLS failed: never delivered, and every later
 *   call would meet the same, so traffic stops at the first (a refusal takes a few in a row).
 * - `unknown`: no answer or a 5xx; the policy may or may not exist now, retry and check if it then "exists".
 * - `stop-run`: credentials are wrong; every other row would fail the same way.
 * - `final`: any other API error; retrying will not help.
 */
export type FailureKind = 'throttled' | 'refused' | 'unreachable' | 'unknown' | 'stop-run' | 'final';

/** Our code for a refused connection: known not delivered, unlike NetworkError. */
export const CONNECTION_REFUSED = 'ConnectionRefused';

/** Our codes for a host name that does not resolve (ENOTFOUND, EAI_AGAIN) and a failed TLS handshake. */
export const HOST_NOT_FOUND = 'HostNotFound';
export const TLS_FAILURE = 'TlsFailure';
const UNREACHABLE_CODES = new Set([HOST_NOT_FOUND, TLS_FAILURE]);

/** Failures with no answer from the service. */
export const NO_ANSWER_CODES = new Set(['NetworkError', 'Timeout', 'HttpError']);

export function classifyFailure(outcome: Pick<FailedOutcome, 'code' | 'httpStatus'>): FailureKind {
  const { code } = outcome;
  if (isThrottling(code)) return 'throttled';
  if (code === CONNECTION_REFUSED) return 'refused';
  if (UNREACHABLE_CODES.has(code)) return 'unreachable';
  if (NO_ANSWER_CODES.has(code) || (outcome.httpStatus !== undefined && outcome.httpStatus >= 500)) return 'unknown';
  if (code.startsWith('AuthFailure')) return 'stop-run';
  return 'final';
}

/** A failure that says the request never left this machine: traffic stops on it (one, or several refusals). */
export function neverDelivered(code: string): boolean {
  return code === CONNECTION_REFUSED || UNREACHABLE_CODES.has(code);
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
