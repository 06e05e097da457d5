import { UsageError } from './errors.js';
import { t } from '../i18n/messages.js';

/** A "try this" line for the error codes users meet most. */
const HINTS: readonly [RegExp, HintKey][] = [
  [/^AuthFailure\.SecretIdNotFound$/, 'hint.secretIdNotFound'],
  [/^AuthFailure\.SignatureFailure$/, 'hint.signatureFailure'],
  [/^AuthFailure\.SignatureExpire$/, 'hint.signatureExpire'],
  [/^AuthFailure/, 'hint.authFailure'],
  [/^(InternalError\.ErrorTcrUnauthorized|UnauthorizedOperation)/, 'hint.unauthorized'],
  [/^ResourceNotFound/, 'hint.resourceNotFound'],
  [/^ResourceInUse/, 'hint.resourceInUse'],
  [/^InvalidParameter/, 'hint.invalidParameter'],
  [/^RequestLimitExceeded/, 'hint.requestLimit'],
  // Not --no-preflight: the sends would meet the same silence, each with an unknown outcome.
  [/^(NetworkError|Timeout)$/, 'hint.noAnswer'],
  [/^HostNotFound$/, 'hint.hostNotFound'],
  [/^TlsFailure$/, 'hint.tlsFailure'],
];
type HintKey = 'hint.secretIdNotFound' | 'hint.signatureFailure' | 'hint.signatureExpire' | 'hint.authFailure' | 'hint.unauthorized' | 'hint.resourceNotFound' | 'hint.resourceInUse' | 'hint.invalidParameter' | 'hint.requestLimit' | 'hint.noAnswer' | 'hint.hostNotFound' | 'hint.tlsFailure';

export function hintFor(code: string): string | undefined {
  const key = HINTS.find(([pattern]) => pattern.test(code))?.[1];
  return key === undefined ? undefined : t(key);
}

/** AuthFailure.* : the API refused who we are, so every later call would be refused too. */
export function isCredentialRefusal(code: string): boolean {
  return code.startsWith('AuthFailure');
}

/** The one message for refused credentials: what the API said, and what to change. */
export function credentialsRefused(failure: { readonly code: string; readonly message: string }, endpoint: string): UsageError {
  return new UsageError(
    t('hint.credentialsRefused', { endpoint, code: failure.code, message: failure.message }),
    t('hint.thenRunAgain', { hint: hintFor(failure.code) ?? t('hint.checkCredentials') }),
  );
}
