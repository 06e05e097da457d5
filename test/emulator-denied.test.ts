// The seed's `Denied` registries: listed, but every call on them answers UnauthorizedOperation, as when
// a CAM policy keeps the credentials out. The bundled seed has one (tcr-fra00001).
import test from 'ava';
import { UsageError } from '../src/core/errors.js';
import { startTestEmulator, failureOf, tcrClient } from './helpers/emulator-kit.js';

test('a Denied registry is listed, but its namespaces and policies answer UnauthorizedOperation', async (t) => {
  const emulator = await startTestEmulator();
  t.teardown(() => emulator.close());
  const frankfurt = tcrClient(emulator, { region: 'eu-frankfurt' });
  const listed = await frankfurt.DescribeInstances({});
  t.deepEqual(listed.Registries?.map((r) => r.RegistryId), ['tcr-fra00001']);
  const read = await failureOf(frankfurt.DescribeNamespaces({ RegistryId: 'tcr-fra00001' }));
  t.is(read.code, 'UnauthorizedOperation');
  t.regex(read.message, /not authorized .* tcr-fra00001/);
  const write = await failureOf(frankfurt.CreateSignaturePolicy({ RegistryId: 'tcr-fra00001', NamespaceName: 'core', Name: 'core-s', KmsId: 'k', KmsRegion: '' }));
  t.is(write.code, 'UnauthorizedOperation');
  t.is((await tcrClient(emulator, { region: 'ap-tokyo' }).DescribeNamespaces({ RegistryId: 'tcr-tyo00001' })).TotalCount, 6, 'other registries still answer');
});

test('Denied must be true or false in a seed', async (t) => {
  const error = await t.throwsAsync(startTestEmulator({ seed: { registries: [{ RegistryId: 'tcr-x1', Region: 'ap-tokyo', Denied: 'yes' as unknown as boolean }] } }));
  t.true(error instanceof UsageError);
  t.regex(error?.message ?? '', /\$\.registries\[0\]\.Denied: must be true or false/);
});
