// The "try this" lines: for a failed request (hintFor) and for a failed read of the preflight (readHint).
import test from 'ava';
import { hintFor } from '../src/core/error-hints.js';
import { readHint } from '../src/core/read-hint.js';

test('hintFor gives a "try this" line for the codes users meet most', (t) => {
  const table: [string, RegExp | undefined][] = [
    ['AuthFailure.SecretIdNotFound', /TENCENTCLOUD_SECRET_ID/],
    ['AuthFailure.SignatureFailure', /TENCENTCLOUD_SECRET_KEY/],
    ['AuthFailure.SignatureExpire', /clock/],
    ['AuthFailure.TokenFailure', /credentials/],
    ['InternalError.ErrorTcrUnauthorized', /CAM/],
    ['UnauthorizedOperation', /CAM/],
    ['ResourceNotFound', /registry exists/],
    ['ResourceInUse', /already has a signature policy/],
    ['InvalidParameter.ErrorTcrInvalidParameter', /correct the one its message names/],
    ['RequestLimitExceeded.UinLimitExceeded', /--rate/],
    ['NetworkError', /--endpoint/],
    ['Timeout', /--endpoint/],
    ['InternalError', undefined],
    ['SomethingNew', undefined],
  ];
  for (const [code, hint] of table) {
    if (hint) t.regex(hintFor(code) ?? '', hint, code);
    else t.is(hintFor(code), undefined, code);
  }
});

test('hintFor reads the message where one code has several causes: a Domain is not a KMS key', (t) => {
  const code = 'InvalidParameter.ErrorTcrInvalidParameter';
  const table: [message: string, hint: RegExp][] = [
    ['The domain images.example.org is not a custom domain of registry tcr-f7g1ir99 (its custom domains: images.example.com).', /^Domain must be one of the registry's custom domains/],
    ['参数错误：TCR 请求参数无效。（自定义域名 images.example.org 不存在）', /^Domain must be one/],
    ['The KMS key 6f1c0e2a is Disabled; a signing key must be Enabled.', /^check the KMS key/],
    ['Name is too long', /^the API refused a value of the row/],
  ];
  for (const [message, hint] of table) t.regex(hintFor(code, message) ?? '', hint, message);
  t.notRegex(hintFor(code, table[0]![0]) ?? '', /KMS/);
});

test('readHint: what to do about a failed read, with --no-preflight only where the command can skip it', (t) => {
  const table: [code: string, httpStatus: number | undefined, hint: RegExp][] = [
    ['AuthFailure.SecretIdNotFound', undefined, /^check the credentials \(TENCENTCLOUD_SECRET_ID/],
    ['ConnectionRefused', undefined, /nothing answers at the endpoint/],
    ['NetworkError', undefined, /^nothing answered: check the network and --endpoint .*then run again$/],
    ['HttpError', 502, /^nothing answered: check the network/],
    ['RequestLimitExceeded', undefined, /stayed busy/],
    ['UnauthorizedOperation', undefined, /tcr:DescribeInstances, tcr:DescribeNamespaces, tcr:DescribeInstanceCustomizedDomain \(for rows with a Domain\) and kms:DescribeKeys: grant them, or pass --no-preflight/],
  ];
  for (const [code, httpStatus, hint] of table) t.regex(readHint(httpStatus ? { code, httpStatus } : { code }, true), hint, code);
  t.notRegex(readHint({ code: 'UnauthorizedOperation' }, false), /--no-preflight/);
  // The image listing's reads name their own permissions, and no --no-preflight (there is no listing without them).
  for (const action of ['DescribeRepositories', 'DescribeImages']) t.regex(readHint({ code: 'UnauthorizedOperation' }, true, action), /^listing images needs tcr:DescribeRepositories and tcr:DescribeImages/, action);
  t.regex(readHint({ code: 'UnauthorizedOperation' }, true, 'DescribeNamespaces'), /kms:DescribeKeys/);
  t.is(readHint({ code: 'AuthFailure' }, true), hintFor('AuthFailure.TokenFailure') ?? 'no hint', 'one line for refused credentials, whatever failed');
});
