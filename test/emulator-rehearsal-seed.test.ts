// The seed's rehearsal switches: a namespace outside the caller's permissions, scripted transient
// faults for the first attempts, and a registry's custom domains.
import test from 'ava';
import { UsageError } from '../src/core/errors.js';
import { loadSeed, type EmulatorSeed } from '../src/emulator/index.js';
import { UUID, failureOf, startTestEmulator, tcrClient } from './helpers/emulator-kit.js';

const KEY = '55555555-0000-4000-8000-00000000a001';
const SEED: EmulatorSeed = {
  registries: [{
    RegistryId: 'tcr-rehearse',
    Region: 'ap-guangzhou',
    Domains: ['images.example.com'],
    Namespaces: ['plain', { Name: 'locked', Denied: true }, { Name: 'flaky', Faults: ['RequestLimitExceeded', 'http-503', 'dropped-before'] }],
  }],
  kmsKeys: [{ KeyId: KEY, Region: 'ap-guangzhou', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
};
const create = (NamespaceName: string, Domain?: string) => ({
  RegistryId: 'tcr-rehearse', NamespaceName, Name: `${NamespaceName}-signing`, KmsId: KEY, KmsRegion: 'ap-guangzhou', ...(Domain ? { Domain } : {}),
});

test('a Denied namespace is listed, but creating or deleting its policy is UnauthorizedOperation', async (t) => {
  const emulator = await startTestEmulator({ seed: SEED });
  t.teardown(() => emulator.close());
  const client = tcrClient(emulator);
  t.deepEqual((await client.DescribeNamespaces({ RegistryId: 'tcr-rehearse' })).NamespaceList?.map((n) => n.Name), ['plain', 'locked', 'flaky']);
  const refused = await failureOf(client.CreateSignaturePolicy(create('locked')));
  t.is(refused.code, 'UnauthorizedOperation');
  t.regex(refused.requestId, UUID);
  t.regex(refused.message, /tcr:CreateSignaturePolicy on qcs::tcr:ap-guangzhou:.*namespace\/locked/);
  t.is((await failureOf(client.DeleteSignaturePolicy({ RegistryId: 'tcr-rehearse', NamespaceName: 'locked' }))).code, 'UnauthorizedOperation');
  t.deepEqual(emulator.state.policies(), []);
});

test('scripted faults answer the first attempts in order, then the namespace behaves normally', async (t) => {
  const emulator = await startTestEmulator({ seed: SEED });
  t.teardown(() => emulator.close());
  const client = tcrClient(emulator);
  t.is((await failureOf(client.CreateSignaturePolicy(create('flaky')))).code, 'RequestLimitExceeded');
  t.is((await failureOf(client.CreateSignaturePolicy(create('flaky')))).httpCode, 503);
  await failureOf(client.CreateSignaturePolicy(create('flaky'))); // the connection is closed without an answer
  t.deepEqual(emulator.state.policies(), [], 'no fault so far changed anything');
  await client.CreateSignaturePolicy(create('flaky'));
  t.is((await failureOf(client.CreateSignaturePolicy(create('flaky')))).code, 'ResourceInUse');
  t.deepEqual(emulator.state.actionCounts()['CreateSignaturePolicy']?.outcomes, {
    RequestLimitExceeded: 1, 'http-503': 1, 'dropped-before': 1, ok: 1, ResourceInUse: 1,
  });
});

test('with Domains in the seed, a Domain that is not one of them is InvalidParameter.ErrorTcrInvalidParameter', async (t) => {
  const emulator = await startTestEmulator({ seed: SEED });
  t.teardown(() => emulator.close());
  const client = tcrClient(emulator);
  const refused = await failureOf(client.CreateSignaturePolicy(create('plain', 'images.example.org')));
  t.is(refused.code, 'InvalidParameter.ErrorTcrInvalidParameter');
  t.regex(refused.message, /images\.example\.org is not a custom domain of registry tcr-rehearse \(its custom domains: images\.example\.com\)/);
  await client.CreateSignaturePolicy(create('plain', 'images.example.com'));
  t.is(emulator.state.policies().length, 1);
});

test('DescribeInstanceCustomizedDomain lists the seed\'s Domains; a registry without them has none, and refuses any Domain', async (t) => {
  const seed: EmulatorSeed = { ...SEED, registries: [...(SEED.registries ?? []), { RegistryId: 'tcr-bare', Region: 'ap-guangzhou', Namespaces: ['plain'] }] };
  const emulator = await startTestEmulator({ seed });
  t.teardown(() => emulator.close());
  const client = tcrClient(emulator);
  const listed = await client.DescribeInstanceCustomizedDomain({ RegistryId: 'tcr-rehearse', Limit: 10, Offset: 0 });
  t.is(listed.TotalCount, 1);
  t.like(listed.DomainInfoList?.[0], { RegistryId: 'tcr-rehearse', DomainName: 'images.example.com' });
  t.deepEqual((await client.DescribeInstanceCustomizedDomain({ RegistryId: 'tcr-bare' })).DomainInfoList, []);
  t.is((await failureOf(tcrClient(emulator, { region: 'ap-shanghai' }).DescribeInstanceCustomizedDomain({ RegistryId: 'tcr-rehearse' }))).code, 'ResourceNotFound');
  const refused = await failureOf(client.CreateSignaturePolicy({ ...create('plain', 'a.example.com'), RegistryId: 'tcr-bare' }));
  t.regex(refused.message, /its custom domains: none/);
});

test('bad rehearsal switches are reported with their paths', async (t) => {
  const broken = {
    registries: [{ RegistryId: 'tcr-x', Region: 'ap-guangzhou', Domains: [''], Namespaces: [{ Name: 'a', Denied: 'yes', Faults: ['boom'] }] }],
  };
  const error = await t.throwsAsync(loadSeed(broken as unknown as EmulatorSeed), { instanceOf: UsageError });
  for (const expected of ['$.registries[0].Domains[0]: must be a non-empty string', '$.registries[0].Namespaces[0].Denied: must be true or false', '$.registries[0].Namespaces[0].Faults[0]: must be one of RequestLimitExceeded, http-503, dropped-before']) {
    t.true(error.message.includes(expected), expected);
  }
});
