/** A "try this" line for the error codes users meet most. */
const HINTS: readonly [RegExp, string][] = [
  [/^AuthFailure\.SecretIdNotFound$/, 'the SecretId is unknown: check TENCENTCLOUD_SECRET_ID or the --profile'],
  [/^AuthFailure\.SignatureFailure$/, 'the signature does not match: check TENCENTCLOUD_SECRET_KEY'],
  [/^AuthFailure\.SignatureExpire$/, "the request's time is off by more than 5 minutes: correct this machine's clock"],
  [/^AuthFailure/, 'check the credentials (TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY or --profile)'],
  [/^(InternalError\.ErrorTcrUnauthorized|UnauthorizedOperation)/, 'the account lacks permission: grant it tcr:CreateSignaturePolicy (and kms access) in CAM'],
  [/^ResourceNotFound/, 'check that the registry exists in this region and the namespace exists in the registry'],
  [/^ResourceInUse/, 'the namespace already has a signature policy (one per namespace): remove that row, or delete the old policy first'],
  [/^InvalidParameter/, 'check the KMS key: Enabled, usage ASYMMETRIC_SIGN_VERIFY_RSA_2048, in KmsRegion'],
  [/^RequestLimitExceeded/, 'the API is busy: lower --rate, or run again later with --resume'],
  [/^(NetworkError|Timeout)$/, 'check the network and --endpoint, then run again with --resume'],
];

export function hintFor(code: string): string | undefined {
  return HINTS.find(([pattern]) => pattern.test(code))?.[1];
}
