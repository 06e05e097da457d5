import test from 'ava';
import { CommonClient } from 'tencentcloud-sdk-nodejs/tencentcloud/common/common_client.js';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY, type EmulatorHandle } from '../src/emulator/index.js';
import { GZ_REGISTRY, GZ_SIGNING_KEY, UUID, failureOf, kmsClient, startTestEmulator, tcrClient } from './helpers/emulator-kit.js';

let emulator: EmulatorHandle;

test.before(async () => {
  emulator = await startTestEmulator();
});
test.after.always(async () => {
  await emulator.close();
});

function commonClient(version: string): CommonClient {
  return new CommonClient(`127.0.0.1:${emulator.port}`, version, {
    credential: { secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY },
    region: 'ap-guangzhou',
    profile: { httpProfile: { protocol: 'http://', reqTimeout: 5 } },
  });
}

test('TCR and KMS are both served on the one endpoint', async (t) => {
  const instances = await tcrClient(emulator).DescribeInstances({});
  const keys = await kmsClient(emulator).ListKeyDetail({ KeyUsage: 'ALL' });
  t.deepEqual(instances.Registries?.map((r) => r.RegistryId), [GZ_REGISTRY]);
  t.true((keys.TotalCount ?? 0) > 0);
});

test('an unknown action is InvalidAction', async (t) => {
  const failure = await failureOf(tcrClient(emulator).request('DescribeWebhookTrigger', {}));
  t.is(failure.code, 'InvalidAction');
  t.regex(failure.requestId, UUID);
});

test('a known action with another version is NoSuchVersion', async (t) => {
  const tcrWithKmsVersion = await failureOf(commonClient('2019-01-18').request('DescribeNamespaces', { RegistryId: GZ_REGISTRY }));
  t.is(tcrWithKmsVersion.code, 'NoSuchVersion');
  const kmsWithTcrVersion = await failureOf(commonClient('2019-09-24').request('ListKeyDetail', {}));
  t.is(kmsWithTcrVersion.code, 'NoSuchVersion');
  t.regex(kmsWithTcrVersion.message, /2019-01-18/);
});

test('a missing X-TC-Region is MissingParameter', async (t) => {
  const failure = await failureOf(tcrClient(emulator, { region: null }).DescribeNamespaces({ RegistryId: GZ_REGISTRY }));
  t.is(failure.code, 'MissingParameter');
  t.regex(failure.message, /X-TC-Region/);
});

test('an unknown region is UnsupportedRegion', async (t) => {
  const failure = await failureOf(tcrClient(emulator, { region: 'xx-nowhere' }).DescribeRegions());
  t.is(failure.code, 'UnsupportedRegion');
});

test('a parameter the action does not define is UnknownParameter', async (t) => {
  const failure = await failureOf(
    tcrClient(emulator).request('CreateSignaturePolicy', {
      RegistryId: GZ_REGISTRY, NamespaceName: 'payments', Name: 'p', KmsId: GZ_SIGNING_KEY, KmsRegion: '', Region: 'x',
    }),
  );
  t.is(failure.code, 'UnknownParameter');
  t.regex(failure.message, /`Region`/);
  t.deepEqual(emulator.state.successfulCreates(), {});
});

test('a parameter of the wrong type is InvalidParameter', async (t) => {
  const failure = await failureOf(
    tcrClient(emulator).request('CreateSignaturePolicy', {
      RegistryId: GZ_REGISTRY, NamespaceName: 'payments', Name: 'p', KmsId: GZ_SIGNING_KEY, KmsRegion: '', Disabled: 'yes',
    }),
  );
  t.is(failure.code, 'InvalidParameter');
  t.regex(failure.message, /Disabled/);
});

test('every request is counted per action; unknown actions under (other)', async (t) => {
  const before = emulator.state.actionCounts()['DescribeRegions']?.requests ?? 0;
  await tcrClient(emulator).DescribeRegions();
  await failureOf(tcrClient(emulator).request('NoSuchAction', {}));
  const counts = emulator.state.actionCounts();
  t.true((counts['DescribeRegions']?.requests ?? 0) >= before + 1);
  t.true((counts['(other)']?.outcomes['InvalidAction'] ?? 0) >= 1);
  t.false('NoSuchAction' in counts);
});
