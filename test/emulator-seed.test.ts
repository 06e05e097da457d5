import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../src/core/errors.js';
import { loadSeed, type EmulatorSeed } from '../src/emulator/index.js';
import { startTestEmulator, tcrClient } from './helpers/emulator-kit.js';

test('the bundled seed loads with its defaults filled in', async (t) => {
  const seed = await loadSeed(undefined);
  t.is(seed.registries.length, 7);
  t.is(seed.kmsKeys.length, 5);
  t.is(seed.policies.length, 112);
  t.like(seed.registries[0], { RegistryId: 'tcr-ab12cd34', Region: 'ap-guangzhou', Status: 'Running' });
  t.is(seed.registries[0]?.namespaces.length, 27);
});

const RICH: EmulatorSeed = {
  registries: [
    { RegistryId: 'tcr-rich0001', Region: 'ap-tokyo', Namespaces: ['plain', { Name: 'open', Public: true }] },
  ],
  kmsKeys: [{ KeyId: 'k-1', Region: 'ap-tokyo', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
  policies: [{ RegistryId: 'tcr-rich0001', NamespaceName: 'open', Name: 'sig', KmsId: 'k-1' }],
};

test('a richer seed: namespaces with access levels, defaults for name, status, key state', async (t) => {
  const emulator = await startTestEmulator({ seed: RICH });
  t.teardown(() => emulator.close());
  const client = tcrClient(emulator, { region: 'ap-tokyo' });
  const namespaces = await client.DescribeNamespaces({ RegistryId: 'tcr-rich0001' });
  t.deepEqual(namespaces.NamespaceList?.map((ns) => [ns.Name, ns.Public]), [['plain', false], ['open', true]]);
  const instances = await client.DescribeInstances({});
  t.like(instances.Registries?.[0], { RegistryName: 'tcr-rich0001', Status: 'Running', RegionName: 'ap-tokyo' });
  await client.CreateSignaturePolicy({ RegistryId: 'tcr-rich0001', NamespaceName: 'plain', Name: 's', KmsId: 'k-1', KmsRegion: '' });
  t.deepEqual(emulator.state.namespaces().map((ns) => [ns.Name, ns.signing]), [['plain', true], ['open', true]]);
});

test('an empty seed object starts an empty emulator', async (t) => {
  const emulator = await startTestEmulator({ seed: {} });
  t.teardown(() => emulator.close());
  t.deepEqual(emulator.state.policies(), []);
  t.is((await tcrClient(emulator).DescribeInstances({ AllRegion: true })).TotalCount, 0);
});

test('a broken seed is a UsageError that lists every problem with its path', async (t) => {
  const broken = {
    registries: [
      { RegistryId: 'tcr-a', Region: 'ap-guangzhou', Namespaces: ['x', 'x'], Colour: 'red' },
      { Region: 'ap-guangzhou' },
      { RegistryId: 'tcr-a', Region: 'ap-guangzhou' },
    ],
    kmsKeys: [{ KeyId: 'k', Region: 'ap-guangzhou', KeyState: 'Sleeping' }],
    policies: [{ RegistryId: 'tcr-a', NamespaceName: 'y', Name: 'p', KmsId: 'k' }],
    kmskeys: [],
  };
  const error = await t.throwsAsync(loadSeed(broken as unknown as EmulatorSeed), { instanceOf: UsageError });
  for (const expected of [
    '$.registries[0].Colour: unknown field',
    'namespace "x" is listed twice',
    '$.registries[1].RegistryId: missing',
    '$.registries: "tcr-a" appears twice',
    '$.kmsKeys[0].KeyState: must be one of',
    '$.policies[0].NamespaceName: registry tcr-a has no namespace "y"',
    '$.kmskeys: unknown field',
  ]) {
    t.true(error.message.includes(expected), expected);
  }
});

test('a seed file that is missing or not JSON is a UsageError naming the file', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-seed-'));
  const notJson = join(dir, 'seed.json');
  await writeFile(notJson, '{ "registries": [ ');
  await t.throwsAsync(loadSeed(join(dir, 'missing.json')), { instanceOf: UsageError, message: /missing\.json: no such file/ });
  await t.throwsAsync(loadSeed(notJson), { instanceOf: UsageError, message: /seed\.json is not valid JSON/ });
});

test('a seed file path is read (BOM allowed)', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-seed-'));
  const path = join(dir, 'seed.json');
  await writeFile(path, `\uFEFF${JSON.stringify(RICH)}`);
  const emulator = await startTestEmulator({ seed: path });
  t.teardown(() => emulator.close());
  t.is(emulator.state.policies().length, 1);
});
