import { UsageError } from './errors.js';

/** A "try this" line for the error codes users meet most. */
const HINTS: readonly [RegExp, string][] = [
  [/^AuthFailure\.SecretIdNotFound$/, 'the SecretId is unknown: check TENCENTCLOUD_SECRET_ID or the --profile'],
  [/^AuthFailure\.SignatureFailure$/, 'the signature does not match: check TENCENTCLOUD_SECRET_KEY'],
  [/^AuthFailure\.SignatureExpire$/, "the request's time is off by more than 5 minutes: correct this machine's clock"],
  [/^AuthFailure/, 'check the credentials (TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY or --profile)'],
  [/^(InternalError\.ErrorTcrUnauthorized|UnauthorizedOperation)/, 'the account lacks permission: grant it tcr:CreateSignaturePolicy (and kms access) in CAM'],
  [/^ResourceNotFound/, 'check that the registry exists in this region and the namespace exists in the registry'],
  [/^ResourceInUse/, 'the namespace already has a signature policy (one per namespace): remove that row, or delete the old policy first'],
  [/^InvalidParameter/, 'check the row: the KMS key (Enabled, usage ASYMMETRIC_SIGN_VERIFY_RSA_2048, in KmsRegion) and the Domain (one of the registry\'s)'],
  [/^RequestLimitExceeded/, 'the API is busy: lower --rate, or run again later with --resume'],
  // Not --no-preflight: the sends would meet the same silence, each with an unknown outcome.
  [/^(NetworkError|Timeout)$/, 'nothing answered: check the network and --endpoint (for the emulator: is it still running?)'],
];

export function hintFor(code: string): string | undefined {
  return HINTS.find(([pattern]) => pattern.test(code))?.[1];
}

/** AuthFailure.* : the API refused who we are, so every later call would be refused too. */
export function isCredentialRefusal(code: string): boolean {
  return code.startsWith('AuthFailure');
}

/** The one message for refused credentials: what the API said, and what to change. */
export function credentialsRefused(failure: { readonly code: string; readonly message: string }, endpoint: string): UsageError {
  return new UsageError(
    `the credentials were refused by ${endpoint} (${failure.code}: ${failure.message}); nothing was sent`,
    `${hintFor(failure.code) ?? 'check the credentials'}, then run again`,
  );
}
