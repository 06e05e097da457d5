import test from 'ava';
import { isTransientStsFailure } from '../src/core/sts-failure.js';

// Which AssumeRole failures are asked again (transient) and which stop the account at once.
const CASES: ReadonlyArray<[string, { code: string; httpStatus?: number }, boolean]> = [
  ['no answer', { code: 'NetworkError' }, true],
  ['a timeout', { code: 'Timeout' }, true],
  ['a refused connection', { code: 'ConnectionRefused' }, true],
  ['an HTTP 503 page', { code: 'HttpError', httpStatus: 503 }, true],
  ['throttled', { code: 'RequestLimitExceeded' }, true],
  ['throttled, a sub-code', { code: 'RequestLimitExceeded.UinLimitExceeded' }, true],
  ["STS's own frequency limit", { code: 'InvalidParameter.OverLimit' }, true],
  ['InternalError', { code: 'InternalError' }, true],
  ['InternalError.SystemError', { code: 'InternalError.SystemError' }, true],
  ['InternalError.DbError', { code: 'InternalError.DbError' }, true],
  ['the role does not exist', { code: 'InternalError.GetRoleError' }, false],
  ['not a role', { code: 'InternalError.IllegalRole' }, false],
  ['the role not found', { code: 'ResourceNotFound.RoleNotFound' }, false],
  ['the caller may not assume it', { code: 'UnauthorizedOperation' }, false],
  ['a bad signature', { code: 'AuthFailure.SignatureFailure' }, false],
  ['an unknown key', { code: 'AuthFailure.SecretIdNotFound' }, false],
  ['a bad parameter', { code: 'InvalidParameter.ParamError' }, false],
  ['a host that does not resolve', { code: 'HostNotFound' }, false],
];

for (const [what, failure, transient] of CASES) {
  test(`${what} (${failure.code}) is ${transient ? 'asked again' : 'the answer for the run'}`, (t) => {
    t.is(isTransientStsFailure(failure), transient);
  });
}
