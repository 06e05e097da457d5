import { ApiError, ErrorCode } from '../api-error.js';
import { optionalInteger, optionalString, rejectUnknownParameters, requiredString } from '../params.js';
import type { ActionHandler } from './action-context.js';

const ASSUME_ROLE_PARAMETERS = ['RoleArn', 'RoleSessionName', 'DurationSeconds', 'Policy', 'ExternalId', 'Tags', 'SourceIdentity'];
/** The documented RoleSessionName: 2 to 128 of letters, digits and =,.@_-. */
const SESSION_NAME = /^[\w+=,.@-]{2,128}$/;

/** STS AssumeRole (2018-08-13): temporary credentials for a role the seed lists, if its trust policy lets the caller's account assume it. */
export const assumeRole: ActionHandler = ({ params, sessions, nowSeconds, caller }) => {
  rejectUnknownParameters(params, ASSUME_ROLE_PARAMETERS);
  const roleArn = requiredString(params, 'RoleArn');
  const sessionName = requiredString(params, 'RoleSessionName');
  if (!SESSION_NAME.test(sessionName)) {
    throw new ApiError(ErrorCode.InvalidParameterValue, 'RoleSessionName must be 2 to 128 letters, digits or +=,.@_- characters.');
  }
  optionalString(params, 'Policy');
  const duration = optionalInteger(params, 'DurationSeconds', { min: 1, max: 43200 }) ?? 7200;
  const issued = sessions.assume(roleArn, caller, duration, nowSeconds);
  return { Credentials: { TmpSecretId: issued.TmpSecretId, TmpSecretKey: issued.TmpSecretKey, Token: issued.Token }, ExpiredTime: issued.ExpiredTime, Expiration: issued.Expiration };
};
