import test from 'ava';
import { Client as StsClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/sts/v20180813/sts_client.js';
import { UsageError } from '../src/core/errors.js';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY, loadSeed, type EmulatorHandle, type EmulatorSeed } from '../src/emulator/index.js';
import { failureOf, startTestEmulator, tcrClient } from './helpers/emulator-kit.js';

const OTHER = '200000000002';
const ROLE = `qcs::cam::uin/${OTHER}:roleName/tcr-signer`;
const SEED: EmulatorSeed = {
  accounts: [{ Uin: OTHER, Roles: ['tcr-signer'] }],
  registries: [
    { RegistryId: 'tcr-base0001', Region: 'ap-guangzhou', Namespaces: ['base-ns'] },
    { RegistryId: 'tcr-other001', Region: 'ap-guangzhou', Namespaces: ['other-ns'], Account: OTHER },
  ],
  kmsKeys: [{ KeyId: 'k-1', Region: 'ap-guangzhou' }],
};

let emulator: EmulatorHandle;
test.before(async () => {
  emulator = await startTestEmulator({ seed: SEED });
});
test.after.always(async () => {
  await emulator.close();
});

function sts(on = emulator) {
  return new StsClient({
    credential: { secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY },
    region: 'ap-guangzhou',
    profile: { httpProfile: { endpoint: `127.0.0.1:${on.port}`, protocol: 'http://', reqTimeout: 5 } },
  });
}

async function assume() {
  const answer = await sts().AssumeRole({ RoleArn: ROLE, RoleSessionName: 'tcr-sigpolicy', DurationSeconds: 900 });
  const c = answer.Credentials;
  if (!c?.TmpSecretId || !c.TmpSecretKey || !c.Token) throw new Error('AssumeRole gave no credentials');
  return { secretId: c.TmpSecretId, secretKey: c.TmpSecretKey, token: c.Token, expiredTime: answer.ExpiredTime ?? 0 };
}

test('AssumeRole of a seeded role gives temporary credentials that see only that account', async (t) => {
  const session = await assume();
  t.true(session.expiredTime > Date.now() / 1000 + 800);
  const asRole = await tcrClient(emulator, session).DescribeInstances({});
  t.deepEqual(asRole.Registries?.map((r) => r.RegistryId), ['tcr-other001']);
  const asBase = await tcrClient(emulator).DescribeInstances({});
  t.deepEqual(asBase.Registries?.map((r) => r.RegistryId), ['tcr-base0001']);
});

test('a registry of another account does not exist for the caller', async (t) => {
  const failure = await failureOf(tcrClient(emulator).DescribeNamespaces({ RegistryId: 'tcr-other001' }));
  t.is(failure.code, 'ResourceNotFound');
});

test('an unknown role is InternalError.GetRoleError, as STS answers', async (t) => {
  const failure = await failureOf(sts().AssumeRole({ RoleArn: `qcs::cam::uin/${OTHER}:roleName/nobody`, RoleSessionName: 'x1' }));
  t.is(failure.code, 'InternalError.GetRoleError');
  t.regex(failure.message, /role not exist/);
});

test('a temporary key without its token, or with another, is AuthFailure.TokenFailure', async (t) => {
  const session = await assume();
  const without = await failureOf(tcrClient(emulator, { secretId: session.secretId, secretKey: session.secretKey }).DescribeInstances({}));
  t.is(without.code, 'AuthFailure.TokenFailure');
  const wrong = await failureOf(tcrClient(emulator, { ...session, token: 'not-the-token' }).DescribeInstances({}));
  t.is(wrong.code, 'AuthFailure.TokenFailure');
});

test('every session of a role shares one rate window; the base key has its own', async (t) => {
  const strict = await startTestEmulator({ seed: SEED, rateLimits: { DescribeInstances: 2 } });
  t.teardown(() => strict.close());
  const session = async () => {
    const answer = await sts(strict).AssumeRole({ RoleArn: ROLE, RoleSessionName: 'tcr-sigpolicy' });
    const c = answer.Credentials!;
    return { secretId: c.TmpSecretId!, secretKey: c.TmpSecretKey!, token: c.Token! };
  };
  const [a, b] = [await session(), await session()];
  const outcome = (who: { secretId?: string; secretKey?: string; token?: string }) =>
    tcrClient(strict, who).DescribeInstances({}).then(() => 'ok', (e: { code?: string }) => e.code);
  const asRole = await Promise.all([a, b, a].map(outcome));
  t.is(asRole.filter((o) => o === 'RequestLimitExceeded').length, 1);
  t.deepEqual(await Promise.all([outcome({}), outcome({})]), ['ok', 'ok']);
  t.deepEqual(strict.state.assumedRoles(), { [ROLE]: 2 });
});

test('a seed naming an account it does not list is refused', async (t) => {
  const error = await t.throwsAsync(startTestEmulator({ seed: { registries: [{ RegistryId: 'tcr-x', Region: 'ap-guangzhou', Account: '300000000003' }] } }));
  t.regex(error?.message ?? '', /account 300000000003 is not in "accounts"/);
});

test("a role's trust policy: a caller whose account it does not name is UnauthorizedOperation; one it names gets credentials", async (t) => {
  const THIRD = '300000000003';
  const seed: EmulatorSeed = {
    accounts: [
      { Uin: OTHER, Roles: ['tcr-signer'] },
      { Uin: THIRD, Roles: [{ Name: 'from-other', Trusts: [OTHER] }] },
    ],
  };
  const own = await startTestEmulator({ seed });
  t.teardown(() => own.close());
  const fromOther = `qcs::cam::uin/${THIRD}:roleName/from-other`;
  const refused = await failureOf(sts(own).AssumeRole({ RoleArn: fromOther, RoleSessionName: 'tcr-sigpolicy' }));
  t.is(refused.code, 'UnauthorizedOperation');
  t.true(refused.message.includes(fromOther), refused.message);
  // A session of OTHER's role acts in OTHER's account, which the trust policy names (role chaining).
  const first = await sts(own).AssumeRole({ RoleArn: ROLE, RoleSessionName: 'tcr-sigpolicy' });
  const c = first.Credentials;
  const chained = new StsClient({
    credential: { secretId: c?.TmpSecretId, secretKey: c?.TmpSecretKey, token: c?.Token },
    region: 'ap-guangzhou',
    profile: { httpProfile: { endpoint: `127.0.0.1:${own.port}`, protocol: 'http://', reqTimeout: 5 } },
  });
  const answer = await chained.AssumeRole({ RoleArn: fromOther, RoleSessionName: 'tcr-sigpolicy' });
  t.truthy(answer.Credentials?.Token);
  t.deepEqual(own.state.assumedRoles(), { [ROLE]: 1, [fromOther]: 1 });
});

test('a seed whose role trusts an account it does not list is refused, naming the path', async (t) => {
  const error = await t.throwsAsync(loadSeed({ accounts: [{ Uin: OTHER, Roles: [{ Name: 'r', Trusts: ['999999999'] }] }] }), { instanceOf: UsageError });
  t.true(error.message.includes("$.accounts[0].Roles[0].Trusts[0]: account 999999999 is not in \"accounts\""), error.message);
});

test("an account's DeniedAfterImagePages must be a whole number and its code one the switch knows, each problem with its path", async (t) => {
  const bad = { Uin: OTHER, DeniedAfterImagePages: -1, DeniedImagePagesCode: 'InternalError' } as unknown as NonNullable<EmulatorSeed['accounts']>[number];
  const error = await t.throwsAsync(loadSeed({ accounts: [bad] }), { instanceOf: UsageError });
  t.true(error.message.includes('$.accounts[0].DeniedAfterImagePages: must be a whole number of pages'), error.message);
  t.true(error.message.includes('$.accounts[0].DeniedImagePagesCode: must be one of UnauthorizedOperation, AuthFailure.UnauthorizedOperation'), error.message);
});
