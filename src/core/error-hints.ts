import { UsageError } from './errors.js';
import { t } from '../i18n/messages.js';

/**
 * A "try this" line for the failures users meet most, chosen by cause: the code, and where one code
 * covers several causes (TCR answers every bad value with InvalidParameter.ErrorTcrInvalidParameter),
 * the words of the message too. A row refused for its Domain must not be told to check its KMS key.
 */
const HINTS: readonly [code: RegExp, message: RegExp | undefined, hint: HintKey][] = [
  [/^AuthFailure\.SecretIdNotFound$/, undefined, 'hint.secretIdNotFound'],
  [/^AuthFailure\.SignatureFailure$/, undefined, 'hint.signatureFailure'],
  [/^AuthFailure\.SignatureExpire$/, undefined, 'hint.signatureExpire'],
  [/^AuthFailure/, undefined, 'hint.authFailure'],
  [/^(InternalError\.ErrorTcrUnauthorized|UnauthorizedOperation)/, undefined, 'hint.unauthorized'],
  [/^ResourceNotFound/, undefined, 'hint.resourceNotFound'],
  [/^ResourceInUse/, undefined, 'hint.resourceInUse'],
  // The message, in English or (X-TC-Language: zh-CN) Chinese, names what was wrong.
  [/^InvalidParameter/, /domain|域名/i, 'hint.invalidDomain'],
  [/^InvalidParameter/, /kms|key|密钥/i, 'hint.invalidParameter'],
  [/^InvalidParameter/, undefined, 'hint.invalidValue'],
  [/^RequestLimitExceeded/, undefined, 'hint.requestLimit'],
  // Not --no-preflight: the sends would meet the same silence, each with an unknown outcome.
  [/^(NetworkError|Timeout)$/, undefined, 'hint.noAnswer'],
  [/^HostNotFound$/, undefined, 'hint.hostNotFound'],
  [/^TlsFailure$/, undefined, 'hint.tlsFailure'],
];
type HintKey =
  | 'hint.secretIdNotFound' | 'hint.signatureFailure' | 'hint.signatureExpire' | 'hint.authFailure' | 'hint.unauthorized'
  | 'hint.resourceNotFound' | 'hint.resourceInUse' | 'hint.invalidDomain' | 'hint.invalidParameter' | 'hint.invalidValue'
  | 'hint.requestLimit' | 'hint.noAnswer' | 'hint.hostNotFound' | 'hint.tlsFailure';

/** What to do about a failure with this code and message, or undefined when there is nothing better to say than the message. */
export function hintFor(code: string, message = ''): string | undefined {
  const key = HINTS.find(([c, m]) => c.test(code) && (m === undefined || m.test(message)))?.[2];
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
