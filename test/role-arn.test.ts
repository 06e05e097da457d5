import test from 'ava';
import { readAccessFlags } from '../src/cli/access-flags.js';
import { UsageError } from '../src/core/errors.js';
import { isRoleArn } from '../src/core/role-arn.js';
import { stsEndpoint, parseEndpoints } from '../src/core/endpoint.js';

for (const [arn, ok] of [
  ['qcs::cam::uin/12345678:roleName/testRoleName', true],
  ['qcs::cam::uin/12345678:role/4611686018427397919', true],
  ['qcs::cam::uin/12345678:role/tencentcloudServiceRole/4611686018427397920', true],
  ['qcs::cam::uin/12345678:role/tencentcloudServiceRoleName/testServiceRoleName', true],
  ['qcs::cam::uin/10001:roleName/read.only@team-1', true],
  ['qcs::cam::uin/abc:roleName/x', false],
  ['qcs::cam::uin/1:roleName/', false],
  ['qcs::cam::uin/1:user/alice', false],
  ['arn:aws:iam::123456789012:role/x', false],
  [' qcs::cam::uin/1:roleName/x', false],
] as const) {
  test(`${arn} ${ok ? 'is' : 'is not'} a CAM role ARN`, (t) => t.is(isRoleArn(arn), ok));
}

const ROLE = 'qcs::cam::uin/200000000002:roleName/tcr-signer';

test('--role-arn wins over TENCENTCLOUD_ROLE_ARN; the session name defaults to tcr-sigpolicy', (t) => {
  const env = { TENCENTCLOUD_ROLE_ARN: 'qcs::cam::uin/3:roleName/other', HOME: '/nonexistent' };
  t.like(readAccessFlags({ 'role-arn': [ROLE] }, env), { roleArn: ROLE, roleArns: [ROLE], roleSessionName: 'tcr-sigpolicy' });
  t.like(readAccessFlags({}, env), { roleArn: 'qcs::cam::uin/3:roleName/other', roleArns: [] });
  t.like(readAccessFlags({}, { ...env, TENCENTCLOUD_ROLE_SESSION_NAME: 'ci-run' }), { roleSessionName: 'ci-run' });
});

test('a bad ARN or session name is a usage error naming where it came from', (t) => {
  const env = { HOME: '/nonexistent' };
  t.regex(t.throws(() => readAccessFlags({ 'role-arn': 'tcr-signer' }, env), { instanceOf: UsageError }).message, /^--role-arn: "tcr-signer"/);
  t.regex(t.throws(() => readAccessFlags({}, { ...env, TENCENTCLOUD_ROLE_ARN: 'x' }), { instanceOf: UsageError }).message, /^TENCENTCLOUD_ROLE_ARN:/);
  t.regex(t.throws(() => readAccessFlags({ 'role-session-name': 'a b' }, env), { instanceOf: UsageError }).message, /^--role-session-name:/);
});

test('STS goes to the emulator for a loopback endpoint, to sts.tencentcloudapi.com otherwise', (t) => {
  t.is(stsEndpoint(parseEndpoints(['http://127.0.0.1:9500'])).url, 'http://127.0.0.1:9500');
  t.is(stsEndpoint(parseEndpoints(['localhost:9600'])).url, 'http://localhost:9600');
  t.is(stsEndpoint(parseEndpoints([])).url, 'https://sts.tencentcloudapi.com');
  t.is(stsEndpoint(parseEndpoints(['https://tcr.{region}.tencentcloudapi.com'])).url, 'https://sts.tencentcloudapi.com');
});
