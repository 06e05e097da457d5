/**
 * An error the emulated API answers with `{"Response":{"Error":{Code,Message},RequestId}}` and HTTP 200,
 * as TencentCloud API 3.0 does. Handlers throw it; the request pipeline turns it into the envelope.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Error codes the emulator answers with (see docs/emulator.md). */
export const ErrorCode = {
  InvalidAuthorization: 'AuthFailure.InvalidAuthorization',
  SecretIdNotFound: 'AuthFailure.SecretIdNotFound',
  SignatureExpire: 'AuthFailure.SignatureExpire',
  SignatureFailure: 'AuthFailure.SignatureFailure',
  TokenFailure: 'AuthFailure.TokenFailure',
  AuthUnauthorizedOperation: 'AuthFailure.UnauthorizedOperation',
  InvalidAction: 'InvalidAction',
  NoSuchVersion: 'NoSuchVersion',
  MissingParameter: 'MissingParameter',
  InvalidParameter: 'InvalidParameter',
  InvalidParameterValue: 'InvalidParameterValue',
  UnknownParameter: 'UnknownParameter',
  UnsupportedRegion: 'UnsupportedRegion',
  UnsupportedProtocol: 'UnsupportedProtocol',
  RequestSizeLimitExceeded: 'RequestSizeLimitExceeded',
  RequestLimitExceeded: 'RequestLimitExceeded',
  ResourceNotFound: 'ResourceNotFound',
  ResourceInUse: 'ResourceInUse',
  TcrInvalidParameter: 'InvalidParameter.ErrorTcrInvalidParameter',
  UnsupportedOperation: 'UnsupportedOperation',
  UnauthorizedOperation: 'UnauthorizedOperation',
  DuplicatedKeyId: 'InvalidParameterValue.DuplicatedKeyId',
  CmkNotFound: 'ResourceUnavailable.CmkNotFound',
  InternalError: 'InternalError',
  GetRoleError: 'InternalError.GetRoleError',
} as const;

export function missingParameter(name: string): ApiError {
  return new ApiError(ErrorCode.MissingParameter, `The request is missing a required parameter \`${name}\`.`);
}
