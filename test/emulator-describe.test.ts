import test from 'ava';
import type { EmulatorHandle } from '../src/emulator/index.js';
import { GZ_REGISTRY, GZ_SIGNING_KEY, SH_REGISTRY, failureOf, kmsClient, startTestEmulator, tcrClient } from './helpers/emulator-kit.js';

let emulator: EmulatorHandle;

test.before(async () => {
  emulator = await startTestEmulator();
});
test.after.always(async () => {
  await emulator.close();
});

test('DescribeInstances sees only the registries of the request region, unless AllRegion', async (t) => {
  const gz = await tcrClient(emulator).DescribeInstances({});
  t.is(gz.TotalCount, 1);
  t.like(gz.Registries?.[0], { RegistryId: GZ_REGISTRY, RegistryName: 'prod-gz', RegionName: 'ap-guangzhou', RegionId: 1, Status: 'Running' });
  const all = await tcrClient(emulator).DescribeInstances({ AllRegion: true });
  t.is(all.TotalCount, 7);
  const byId = await tcrClient(emulator).DescribeInstances({ AllRegion: true, Registryids: [SH_REGISTRY] });
  t.deepEqual(byId.Registries?.map((r) => r.RegistryId), [SH_REGISTRY]);
  const byName = await tcrClient(emulator).DescribeInstances({ AllRegion: true, Filters: [{ Name: 'RegistryName', Values: ['edge-sg'] }] });
  t.deepEqual(byName.Registries?.map((r) => r.RegistryId), ['tcr-f7g1ir99']);
  const paged = await tcrClient(emulator).DescribeInstances({ AllRegion: true, Offset: 1, Limit: 2 });
  t.is(paged.TotalCount, 7);
  t.deepEqual(paged.Registries?.map((r) => r.RegistryId), [SH_REGISTRY, 'tcr-f7g1ir99']);
  t.is((await failureOf(tcrClient(emulator).DescribeInstances({ Limit: 101 }))).code, 'InvalidParameterValue');
  t.is((await failureOf(tcrClient(emulator).DescribeInstances({ Filters: [{ Name: 'Color', Values: ['x'] }] }))).code, 'InvalidParameterValue');
});

test('DescribeNamespaces pages with Limit/Offset, lists everything with All, and finds one by name', async (t) => {
  const client = tcrClient(emulator);
  const first = await client.DescribeNamespaces({ RegistryId: GZ_REGISTRY });
  t.is(first.TotalCount, 27);
  t.is(first.NamespaceList?.length, 20);
  const page = await client.DescribeNamespaces({ RegistryId: GZ_REGISTRY, Limit: 3, Offset: 3 });
  t.deepEqual(page.NamespaceList?.map((ns) => ns.Name), ['catalog', 'identity', 'billing']);
  const all = await client.DescribeNamespaces({ RegistryId: GZ_REGISTRY, All: true, Limit: 1 });
  t.is(all.NamespaceList?.length, 27);
  const one = await client.DescribeNamespaces({ RegistryId: GZ_REGISTRY, NamespaceName: 'data.ingest' });
  t.deepEqual(one.NamespaceList?.map((ns) => ns.Name), ['data.ingest']);
  t.like(one.NamespaceList?.[0], { Public: false, TagSpecification: { ResourceType: 'namespace', Tags: [] } });
  const none = await client.DescribeNamespaces({ RegistryId: GZ_REGISTRY, NamespaceName: 'nope' });
  t.is(none.TotalCount, 0);
});

test('DescribeNamespaces of an unknown registry or one of another region is ResourceNotFound', async (t) => {
  t.is((await failureOf(tcrClient(emulator).DescribeNamespaces({ RegistryId: 'tcr-missing' }))).code, 'ResourceNotFound');
  t.is((await failureOf(tcrClient(emulator).DescribeNamespaces({ RegistryId: SH_REGISTRY }))).code, 'ResourceNotFound');
  const shanghai = await tcrClient(emulator, { region: 'ap-shanghai' }).DescribeNamespaces({ RegistryId: SH_REGISTRY, KmsSignPolicy: true });
  t.deepEqual(shanghai.NamespaceList?.map((ns) => ns.Name), ['catalog']);
});

test('DescribeRegions lists the regions with their ids', async (t) => {
  const answer = await tcrClient(emulator).DescribeRegions();
  t.like(answer.Regions?.find((r) => r.RegionName === 'ap-guangzhou'), { RegionId: 1, Alias: 'gz', Status: 'alluser' });
  t.is(answer.TotalCount, answer.Regions?.length);
});

test('ListKeyDetail filters by KeyUsage (empty = ENCRYPT_DECRYPT), numeric KeyState and alias, in the request region', async (t) => {
  const kms = kmsClient(emulator);
  const ids = async (request: Parameters<typeof kms.ListKeyDetail>[0]) =>
    ((await kms.ListKeyDetail(request)).KeyMetadatas ?? []).map((k) => k.Alias);
  t.deepEqual(await ids({}), ['app-secrets']);
  t.deepEqual(await ids({ KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }), ['retired-signing', 'image-signing-gz']);
  t.deepEqual(await ids({ KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048', OrderType: 1 }), ['image-signing-gz', 'retired-signing']);
  t.deepEqual(await ids({ KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048', KeyState: 1 }), ['image-signing-gz']);
  t.deepEqual(await ids({ KeyUsage: 'ALL', KeyState: 2 }), ['retired-signing']);
  t.deepEqual(await ids({ KeyUsage: 'ALL', SearchKeyAlias: 'SECRETS' }), ['app-secrets']);
  t.deepEqual(await ids({ KeyUsage: 'ALL', Role: 1 }), []);
  const paged = await kms.ListKeyDetail({ KeyUsage: 'ALL', Limit: 1, Offset: 1 });
  t.is(paged.TotalCount, 3);
  t.is(paged.KeyMetadatas?.length, 1);
  const shanghai = await kmsClient(emulator, { region: 'ap-shanghai' }).ListKeyDetail({ KeyUsage: 'ALL' });
  t.deepEqual(shanghai.KeyMetadatas?.map((k) => k.Alias), ['image-signing-sh']);
  t.is((await failureOf(kms.ListKeyDetail({ KeyState: 9 }))).code, 'InvalidParameterValue');
  t.is((await failureOf(kms.ListKeyDetail({ Limit: 201 }))).code, 'InvalidParameterValue');
});

test('DescribeKeys returns each key of the region, refusing unknown and repeated ids', async (t) => {
  const kms = kmsClient(emulator);
  const found = await kms.DescribeKeys({ KeyIds: [GZ_SIGNING_KEY] });
  t.like(found.KeyMetadatas?.[0], { KeyId: GZ_SIGNING_KEY, KeyState: 'Enabled', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048', Origin: 'TENCENT_KMS' });
  t.is((await failureOf(kms.DescribeKeys({ KeyIds: ['00000000-0000-0000-0000-000000000000'] }))).code, 'ResourceUnavailable.CmkNotFound');
  const otherRegion = kmsClient(emulator, { region: 'ap-shanghai' }).DescribeKeys({ KeyIds: [GZ_SIGNING_KEY] });
  t.is((await failureOf(otherRegion)).code, 'ResourceUnavailable.CmkNotFound');
  t.is((await failureOf(kms.DescribeKeys({ KeyIds: [GZ_SIGNING_KEY, GZ_SIGNING_KEY] }))).code, 'InvalidParameterValue.DuplicatedKeyId');
  t.is((await failureOf(kms.request('DescribeKeys', {}))).code, 'MissingParameter');
});
