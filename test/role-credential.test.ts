import test from 'ava';
import { parseEndpoints, stsEndpoint } from '../src/core/endpoint.js';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../src/emulator/index.js';
import { AssumeRoleError, roleCredential } from '../src/services/role-credential.js';
import { startTestEmulator } from './helpers/emulator-kit.js';

const ROLE = 'qcs::cam::uin/200000000002:roleName/tcr-signer';
const seed = { accounts: [{ Uin: '200000000002', Roles: ['tcr-signer'] }] };
const base = { getCredential: () => Promise.resolve({ secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY }) };

test('a role is assumed once however many ask at once, and again when its keys near their expiry', async (t) => {
  // 31 s sessions are inside the SDK's 30 s margin after a second: the next ask must assume the role again.
  const emulator = await startTestEmulator({ seed, roleSessionSeconds: 31 });
  t.teardown(() => emulator.close());
  const role = await roleCredential({ roleArn: ROLE, sessionName: 'tcr-sigpolicy', base, sts: stsEndpoint(parseEndpoints([emulator.url])) });
  const first = await Promise.all([role.getCredential(), role.getCredential(), role.getCredential()]);
  t.is(new Set(first.map((c) => c.secretId)).size, 1);
  t.truthy(first[0]?.token);
  t.deepEqual(emulator.state.assumedRoles(), { [ROLE]: 1 });
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const renewed = await role.getCredential();
  t.not(renewed.secretId, first[0]?.secretId);
  t.deepEqual(emulator.state.assumedRoles(), { [ROLE]: 2 });
});

test('a role that does not exist fails with STS\'s own code, and is not asked again', async (t) => {
  const emulator = await startTestEmulator({ seed });
  t.teardown(() => emulator.close());
  const missing = 'qcs::cam::uin/200000000002:roleName/nobody';
  const role = await roleCredential({ roleArn: missing, sessionName: 'tcr-sigpolicy', base, sts: stsEndpoint(parseEndpoints([emulator.url])) });
  const error = await t.throwsAsync(role.getCredential(), { instanceOf: AssumeRoleError });
  t.like(error, { code: 'InternalError.GetRoleError', roleArn: missing });
  await t.throwsAsync(role.getCredential(), { instanceOf: AssumeRoleError });
  t.is(emulator.state.actionCounts()['AssumeRole']?.requests, 1);
});

test('a transient STS failure is asked again: the first AssumeRole answers InternalError, the second is the answer', async (t) => {
  const emulator = await startTestEmulator({ seed: { accounts: [{ Uin: '200000000002', Roles: ['tcr-signer'], Faults: ['InternalError'] }] } });
  t.teardown(() => emulator.close());
  const waits: number[] = [];
  const sleep = (ms: number): Promise<void> => { waits.push(ms); return Promise.resolve(); };
  const role = await roleCredential({ roleArn: ROLE, sessionName: 'tcr-sigpolicy', base, sts: stsEndpoint(parseEndpoints([emulator.url])), sleep });
  const [one, two] = await Promise.all([role.getCredential(), role.getCredential()]);
  t.truthy(one?.token);
  t.is(one?.secretId, two?.secretId);
  t.is(emulator.state.actionCounts()['AssumeRole']?.requests, 2);
  t.deepEqual(emulator.state.assumedRoles(), { [ROLE]: 1 });
  t.is(waits.length, 1, 'one backoff between the two attempts');
});

test('STS failing transiently every time: four attempts, then the failure is the answer for the run', async (t) => {
  const faults = ['http-503', 'RequestLimitExceeded', 'dropped-before', 'InternalError', 'InternalError'] as const;
  const emulator = await startTestEmulator({ seed: { accounts: [{ Uin: '200000000002', Roles: ['tcr-signer'], Faults: [...faults] }] } });
  t.teardown(() => emulator.close());
  const role = await roleCredential({ roleArn: ROLE, sessionName: 'tcr-sigpolicy', base, sts: stsEndpoint(parseEndpoints([emulator.url])), sleep: () => Promise.resolve() });
  const error = await t.throwsAsync(role.getCredential(), { instanceOf: AssumeRoleError });
  t.like(error, { code: 'InternalError', roleArn: ROLE });
  await t.throwsAsync(role.getCredential(), { instanceOf: AssumeRoleError });
  t.is(emulator.state.actionCounts()['AssumeRole']?.requests, 4);
});
