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
  // Never delivered either, and every later call would meet the same: not retried, traffic stops.
  ['HostNotFound', undefined, 'unreachable'],
  ['TlsFailure', undefined, 'unreachable'],
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

test('the SDK\'s network failures: DNS and TLS are their own codes, never an unknown outcome', async (t) => {
  const { failureOf } = await import('../src/services/sdk-api.js');
  const table: [string, string][] = [
    ['request to https://tcr.nowhere.invalid/ failed, reason: getaddrinfo ENOTFOUND tcr.nowhere.invalid', 'HostNotFound'],
    ['request to https://tcr.example.com/ failed, reason: getaddrinfo EAI_AGAIN tcr.example.com', 'HostNotFound'],
    ['request to https://127.0.0.1:9500/ failed, reason: write EPROTO 80EC:error:0A00010B:SSL routines:ssl3_get_record:wrong version number', 'TlsFailure'],
    ['request to https://tcr.example.com/ failed, reason: certificate has expired', 'TlsFailure'],
    ["request to https://10.0.0.1/ failed, reason: Hostname/IP does not match certificate's altnames", 'TlsFailure'],
    ['request to http://127.0.0.1:1/ failed, reason: connect ECONNREFUSED 127.0.0.1:1', 'ConnectionRefused'],
    ['request to https://tcr.example.com/ failed, reason: socket hang up', 'NetworkError'],
  ];
  for (const [message, code] of table) t.is(failureOf(new Error(message)).code, code, message);
});
