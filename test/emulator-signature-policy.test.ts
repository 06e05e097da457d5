import test from 'ava';
import { readFile } from 'node:fs/promises';
import type { CreateSignaturePolicyRequest } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tcr/v20190924/tcr_models.js';
import type { EmulatorHandle } from '../src/emulator/index.js';
import {
  GZ_REGISTRY,
  GZ_SIGNING_KEY,
  SH_REGISTRY,
  SH_SIGNING_KEY,
  UUID,
  failureOf,
  startTestEmulator,
  tcrClient,
} from './helpers/emulator-kit.js';

const DISABLED_KEY = '1b2c3d4e-4b7d-11ee-9c3a-525400112233';
const ENCRYPT_KEY = '2c3d4e5f-4b7d-11ee-9c3a-525400445566';

function policy(overrides: Partial<CreateSignaturePolicyRequest> = {}): CreateSignaturePolicyRequest {
  return { RegistryId: GZ_REGISTRY, NamespaceName: 'payments', Name: 'payments-signing', KmsId: GZ_SIGNING_KEY, KmsRegion: 'ap-guangzhou', ...overrides };
}

async function withEmulator(run: (emulator: EmulatorHandle) => Promise<void>): Promise<void> {
  const emulator = await startTestEmulator();
  try {
    await run(emulator);
  } finally {
    await emulator.close();
  }
}

async function signingNamespaces(emulator: EmulatorHandle, registryId: string, region = 'ap-guangzhou'): Promise<string[]> {
  const answer = await tcrClient(emulator, { region }).DescribeNamespaces({ RegistryId: registryId, KmsSignPolicy: true, All: true });
  return (answer.NamespaceList ?? []).map((ns) => ns.Name ?? '');
}

test('a created policy answers a RequestId and shows in DescribeNamespaces(KmsSignPolicy) and the state', (t) =>
  withEmulator(async (emulator) => {
    t.deepEqual(await signingNamespaces(emulator, GZ_REGISTRY), []);
    const answer = await tcrClient(emulator).CreateSignaturePolicy(policy({ Domain: '', Disabled: false }));
    t.regex(answer.RequestId ?? '', UUID);
    t.deepEqual(await signingNamespaces(emulator, GZ_REGISTRY), ['payments']);
    t.true(emulator.state.namespaces(GZ_REGISTRY).find((ns) => ns.Name === 'payments')?.signing);
    t.false(emulator.state.namespaces(GZ_REGISTRY).find((ns) => ns.Name === 'checkout')?.signing);
    t.deepEqual(emulator.state.successfulCreates(), { [`${GZ_REGISTRY}/payments`]: 1 });
    t.like(emulator.state.policies().find((p) => p.RegistryId === GZ_REGISTRY), { Name: 'payments-signing', Domain: '' });
  }));

test('a second policy for a namespace is ResourceInUse, saying one already exists', (t) =>
  withEmulator(async (emulator) => {
    const seeded = await failureOf(
      tcrClient(emulator, { region: 'ap-shanghai' }).CreateSignaturePolicy(
        policy({ RegistryId: SH_REGISTRY, NamespaceName: 'catalog', KmsId: SH_SIGNING_KEY, KmsRegion: 'ap-shanghai' }),
      ),
    );
    t.is(seeded.code, 'ResourceInUse');
    t.regex(seeded.message, /already exists/);
    await tcrClient(emulator).CreateSignaturePolicy(policy());
    t.is((await failureOf(tcrClient(emulator).CreateSignaturePolicy(policy({ Name: 'again' })))).code, 'ResourceInUse');
    t.deepEqual(emulator.state.successfulCreates(), { [`${GZ_REGISTRY}/payments`]: 1 });
  }));

const notFound: Array<[string, Partial<CreateSignaturePolicyRequest>, string]> = [
  ['an unknown registry', { RegistryId: 'tcr-00000000' }, 'ap-guangzhou'],
  ['a registry of another region', { RegistryId: SH_REGISTRY, KmsId: SH_SIGNING_KEY, KmsRegion: 'ap-shanghai' }, 'ap-guangzhou'],
  ['a namespace missing from the registry', { RegistryId: SH_REGISTRY, NamespaceName: 'identity', KmsId: SH_SIGNING_KEY, KmsRegion: 'ap-shanghai' }, 'ap-shanghai'],
];
for (const [what, overrides, region] of notFound) {
  test(`${what} is ResourceNotFound`, (t) =>
    withEmulator(async (emulator) => {
      const failure = await failureOf(tcrClient(emulator, { region }).CreateSignaturePolicy(policy(overrides)));
      t.is(failure.code, 'ResourceNotFound');
      t.deepEqual(emulator.state.successfulCreates(), {});
    }));
}

const badKeys: Array<[string, Partial<CreateSignaturePolicyRequest>, RegExp]> = [
  ['a Disabled key', { KmsId: DISABLED_KEY }, /Disabled/],
  ['an ENCRYPT_DECRYPT key', { KmsId: ENCRYPT_KEY }, /ENCRYPT_DECRYPT.*ASYMMETRIC_SIGN_VERIFY_RSA_2048/],
  ['a key of another region', { KmsRegion: 'ap-shanghai' }, /does not exist in region ap-shanghai/],
  ['an unknown key', { KmsId: '00000000-0000-0000-0000-000000000000' }, /does not exist/],
];
for (const [what, overrides, message] of badKeys) {
  test(`${what} is InvalidParameter.ErrorTcrInvalidParameter saying why`, (t) =>
    withEmulator(async (emulator) => {
      const failure = await failureOf(tcrClient(emulator).CreateSignaturePolicy(policy(overrides)));
      t.is(failure.code, 'InvalidParameter.ErrorTcrInvalidParameter');
      t.regex(failure.message, message);
      t.deepEqual(await signingNamespaces(emulator, GZ_REGISTRY), []);
    }));
}

test('an empty KmsRegion means the registry region', (t) =>
  withEmulator(async (emulator) => {
    await tcrClient(emulator).CreateSignaturePolicy(policy({ KmsRegion: '' }));
    t.is(emulator.state.policies().find((p) => p.RegistryId === GZ_REGISTRY)?.KmsRegion, 'ap-guangzhou');
  }));

test('empty required strings are ErrorTcrInvalidParameter, absent ones MissingParameter', (t) =>
  withEmulator(async (emulator) => {
    const client = tcrClient(emulator);
    for (const field of ['RegistryId', 'Name', 'NamespaceName', 'KmsId'] as const) {
      const empty = await failureOf(client.CreateSignaturePolicy(policy({ [field]: '' })));
      t.is(empty.code, 'InvalidParameter.ErrorTcrInvalidParameter', field);
      t.regex(empty.message, new RegExp(field));
      const { [field]: _dropped, ...rest } = policy();
      const absent = await failureOf(client.request('CreateSignaturePolicy', rest));
      t.is(absent.code, 'MissingParameter', field);
    }
    const { KmsRegion: _kmsRegion, ...withoutRegion } = policy();
    t.is((await failureOf(client.request('CreateSignaturePolicy', withoutRegion))).code, 'MissingParameter');
    t.deepEqual(emulator.state.successfulCreates(), {});
  }));

test('a registry that is not Running is UnsupportedOperation', (t) =>
  withEmulator(async (emulator) => {
    const failure = await failureOf(
      tcrClient(emulator, { region: 'ap-beijing' }).CreateSignaturePolicy(policy({ RegistryId: 'tcr-stopped01', NamespaceName: 'legacy' })),
    );
    t.is(failure.code, 'UnsupportedOperation');
  }));

test('DeleteSignaturePolicy removes a policy, then ResourceNotFound; the namespace can sign again', (t) =>
  withEmulator(async (emulator) => {
    const shanghai = tcrClient(emulator, { region: 'ap-shanghai' });
    t.deepEqual(await signingNamespaces(emulator, SH_REGISTRY, 'ap-shanghai'), ['catalog']);
    const deleted = await shanghai.DeleteSignaturePolicy({ RegistryId: SH_REGISTRY, NamespaceName: 'catalog' });
    t.regex(deleted.RequestId ?? '', UUID);
    t.deepEqual(await signingNamespaces(emulator, SH_REGISTRY, 'ap-shanghai'), []);
    const again = await failureOf(shanghai.DeleteSignaturePolicy({ RegistryId: SH_REGISTRY, NamespaceName: 'catalog' }));
    t.is(again.code, 'ResourceNotFound');
    await shanghai.CreateSignaturePolicy(policy({ RegistryId: SH_REGISTRY, NamespaceName: 'catalog', KmsId: SH_SIGNING_KEY, KmsRegion: 'ap-shanghai' }));
    t.deepEqual(await signingNamespaces(emulator, SH_REGISTRY, 'ap-shanghai'), ['catalog']);
    t.deepEqual(emulator.state.successfulCreates(), { [`${SH_REGISTRY}/catalog`]: 1 });
  }));

/** fixtures/sample.csv split into rows keyed by header (its one quoted cell has no comma). */
async function sampleRows(): Promise<Array<Record<string, string>>> {
  const [header = '', ...lines] = (await readFile('fixtures/sample.csv', 'utf8')).trim().split('\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i] ?? '', cell.replace(/^"|"$/g, '')])));
}

test('the bundled seed answers the sample rows designed to go wrong exactly so, at their first and later attempts', async (t) => {
  const emulator = await startTestEmulator({ rateLimits: { CreateSignaturePolicy: Infinity } });
  t.teardown(() => emulator.close());
  const attempt = async (row: Record<string, string>): Promise<string | undefined> => {
    const request = policy({
      RegistryId: row['RegistryId'], NamespaceName: row['NamespaceName'], Name: row['Name'], KmsId: row['KmsId'],
      KmsRegion: row['KmsRegion'], ...(row['Domain'] ? { Domain: row['Domain'] } : {}),
      ...(row['Disabled'] ? { Disabled: row['Disabled'] === 'true' } : {}),
    });
    try {
      await tcrClient(emulator, { region: row['Region'] ?? '' }).CreateSignaturePolicy(request);
      return undefined;
    } catch (error) {
      const e = error as { code?: string; httpCode?: number };
      return `${row['Region']} ${row['NamespaceName']} ${e.code || `HTTP ${e.httpCode}`}`;
    }
  };
  const rows = await sampleRows();
  const failuresOf = async (list: Array<Record<string, string>>) => (await Promise.all(list.map(attempt))).filter((f) => f !== undefined).sort();
  t.deepEqual(await failuresOf(rows), [
    'ap-guangzhou ledger InvalidParameter.ErrorTcrInvalidParameter',
    'ap-guangzhou risk InvalidParameter.ErrorTcrInvalidParameter',
    'ap-shanghai catalog ResourceInUse',
    'ap-shanghai identity ResourceNotFound',
    'ap-singapore billing RequestLimitExceeded',
    'ap-singapore data.warehouse HTTP 503',
    'ap-singapore ledger UnauthorizedOperation',
    'ap-singapore search InvalidParameter.ErrorTcrInvalidParameter',
  ]);
  const singapore = rows.filter((r) => r['Region'] === 'ap-singapore' && ['billing', 'data.warehouse', 'ledger'].includes(r['NamespaceName'] ?? ''));
  t.deepEqual(await failuresOf(singapore), ['ap-singapore billing RequestLimitExceeded', 'ap-singapore ledger UnauthorizedOperation'], 'second attempts');
  t.deepEqual(await failuresOf(singapore), ['ap-singapore data.warehouse ResourceInUse', 'ap-singapore ledger UnauthorizedOperation'], 'third attempts: billing created, its scripted faults used up');
  t.true(Object.values(emulator.state.successfulCreates()).every((count) => count === 1));
});
