// classifyFailure and meansAlreadyExists: which answers are retried, which stop the run, which mean "already there".
import test from 'ava';
import { classifyFailure, isRetryable, meansAlreadyExists, type FailureKind } from '../src/core/classify-error.js';

const kinds: [code: string, httpStatus: number | undefined, kind: FailureKind][] = [
  ['RequestLimitExceeded', undefined, 'throttled'],
  ['RequestLimitExceeded.UinLimitExceeded', undefined, 'throttled'],
  ['RequestLimitExceeded.GlobalRegionUinLimitExceeded', undefined, 'throttled'],
  ['RequestLimitExceededSoon', undefined, 'final'],
  // Never delivered: retried, but not an unknown outcome.
  ['ConnectionRefused', undefined, 'refused'],
  ['NetworkError', undefined, 'unknown'],
  ['Timeout', undefined, 'unknown'],
  ['HttpError', 503, 'unknown'],
  ['HttpError', 502, 'unknown'],
  ['HttpError', undefined, 'unknown'],
  ['InternalError', 500, 'unknown'],
  ['AuthFailure.SignatureFailure', undefined, 'stop-run'],
  ['AuthFailure.SecretIdNotFound', undefined, 'stop-run'],
  ['AuthFailure.SignatureExpire', undefined, 'stop-run'],
  ['AuthFailure', undefined, 'stop-run'],
  ['InvalidParameter', undefined, 'final'],
  ['InvalidParameter.ErrorTcrInvalidParameter', undefined, 'final'],
  ['ResourceInUse', undefined, 'final'],
  ['ResourceNotFound', undefined, 'final'],
  ['UnauthorizedOperation', undefined, 'final'],
  ['InternalError', undefined, 'final'],
  ['FailedOperation.DependenceError', undefined, 'final'],
];

for (const [code, httpStatus, kind] of kinds) {
  test(`classifyFailure(${code}${httpStatus ? ` HTTP ${httpStatus}` : ''}) is ${kind}`, (t) => {
    t.is(classifyFailure({ code, httpStatus }), kind);
    t.is(isRetryable(kind), kind === 'throttled' || kind === 'refused' || kind === 'unknown');
  });
}

test('meansAlreadyExists: ResourceInUse and its sub-codes only', (t) => {
  const table: [string, boolean][] = [['ResourceInUse', true], ['ResourceInUse.Policy', true], ['ResourceInUseX', false], ['ResourceNotFound', false], ['', false]];
  for (const [code, want] of table) t.is(meansAlreadyExists(code), want, code);
});
