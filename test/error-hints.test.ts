// The "try this" lines: for a failed request (hintFor) and for a failed read of the preflight (readHint).
import test from 'ava';
import { hintFor } from '../src/core/error-hints.js';

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
    ['InvalidParameter.ErrorTcrInvalidParameter', /ASYMMETRIC_SIGN_VERIFY_RSA_2048/],
    ['RequestLimitExceeded.UinLimitExceeded', /--rate/],
    ['NetworkError', /--endpoint/],
    ['Timeout', /--resume/],
    ['InternalError', undefined],
    ['SomethingNew', undefined],
  ];
  for (const [code, hint] of table) {
    if (hint) t.regex(hintFor(code) ?? '', hint, code);
    else t.is(hintFor(code), undefined, code);
  }
});
