// The wizard's lists: paging, failures that fall back to typing, and the real SDK against the emulator.
import test from 'ava';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiOutcome } from '../src/core/api-outcome.js';
import { parseEndpoints } from '../src/core/endpoint.js';
import type { ApiService, TcrApi } from '../src/core/tcr-api.js';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../src/emulator/index.js';
import { quickCredential } from '../src/services/credentials.js';
import { listNamespaces, listRegistries, listSigningKeys } from '../src/services/lookup-choices.js';
import { createSdkApi } from '../src/services/sdk-api.js';
import { GZ_REGISTRY, GZ_SIGNING_KEY, startTestEmulator } from './helpers/emulator-kit.js';

interface Call {
  readonly service: ApiService;
  readonly action: string;
  readonly region: string;
  readonly params: Record<string, unknown>;
}

/** An API that answers from a function and records every call. */
function fakeApi(answer: (call: Call) => ApiOutcome | Promise<ApiOutcome>): TcrApi & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    async call(service, action, region, params) {
      const call = { service, action, region, params: params as Record<string, unknown> };
      calls.push(call);
      return answer(call);
    },
  };
}

const ok = (response: Record<string, unknown>): ApiOutcome => ({ ok: true, requestId: 'r', response });
const failed: ApiOutcome = { ok: false, code: 'UnauthorizedOperation', message: 'no', requestId: 'r' };

test('registries are read page by page until TotalCount', async (t) => {
  const all = Array.from({ length: 130 }, (_, i) => ({ RegistryId: `tcr-${i}`, RegistryName: `r${i}`, Status: 'Running', RegistryType: 'basic' }));
  const api = fakeApi(({ params }) => {
    const offset = params.Offset as number;
    return ok({ TotalCount: all.length, Registries: all.slice(offset, offset + (params.Limit as number)) });
  });
  const list = await listRegistries(api, 'ap-guangzhou');
  t.is(list?.length, 130);
  t.deepEqual(list?.[129], { id: 'tcr-129', name: 'r129', status: 'Running', type: 'basic' });
  t.deepEqual(api.calls.map((c) => c.params.Offset), [0, 100]);
  t.true(api.calls.every((c) => c.action === 'DescribeInstances' && c.region === 'ap-guangzhou'));
});

test('a failed or throwing lookup gives undefined, so the question falls back to typing', async (t) => {
  t.is(await listRegistries(fakeApi(() => failed), 'ap-guangzhou'), undefined);
  t.is(await listSigningKeys(fakeApi(() => Promise.reject(new Error('socket hang up'))), 'ap-guangzhou'), undefined);
  t.is(await listNamespaces(fakeApi(() => failed), 'tcr-1', 'ap-guangzhou'), undefined);
});

test('a failed lookup tells why, so the wizard can say it (or stop, for refused credentials)', async (t) => {
  const heard: unknown[] = [];
  const report = (f: unknown): void => void heard.push(f);
  await listRegistries(fakeApi(() => ({ ok: false, code: 'AuthFailure.SecretIdNotFound', message: 'unknown', requestId: 'r' })), 'ap-guangzhou', report);
  await listSigningKeys(fakeApi(() => Promise.reject(new Error('socket hang up'))), 'ap-guangzhou', report);
  await listNamespaces(fakeApi(() => failed), 'ap-guangzhou', 'tcr-1', report);
  t.deepEqual(heard, [
    { code: 'AuthFailure.SecretIdNotFound', message: 'unknown' },
    { code: 'NetworkError', message: 'socket hang up' },
    { code: 'UnauthorizedOperation', message: 'no' },
  ]);
});

test('namespaces are marked when DescribeNamespaces with KmsSignPolicy lists them; without that list, none is', async (t) => {
  const names = { TotalCount: 3, NamespaceList: [{ Name: 'a' }, { Name: 'b' }, { Name: 'c' }] };
  const api = fakeApi(({ params }) => ok(params.KmsSignPolicy ? { TotalCount: 1, NamespaceList: [{ Name: 'b' }] } : names));
  t.deepEqual(await listNamespaces(api, 'tcr-1', 'ap-guangzhou'), [
    { name: 'a', signing: false }, { name: 'b', signing: true }, { name: 'c', signing: false },
  ]);
  const noMarks = fakeApi(({ params }) => (params.KmsSignPolicy ? failed : ok(names)));
  t.deepEqual((await listNamespaces(noMarks, 'tcr-1', 'ap-guangzhou'))?.map((n) => n.signing), [false, false, false]);
});

test('signing keys are asked of KMS in the KMS region: Enabled (KeyState 1) ASYMMETRIC_SIGN_VERIFY_RSA_2048 only', async (t) => {
  const api = fakeApi(() => ok({ TotalCount: 1, KeyMetadatas: [{ KeyId: 'k1', Alias: 'sign', Description: '' }] }));
  t.deepEqual(await listSigningKeys(api, 'ap-shanghai'), [{ id: 'k1', alias: 'sign', description: '' }]);
  t.like(api.calls[0], { service: 'kms', action: 'ListKeyDetail', region: 'ap-shanghai', params: { KeyState: 1, KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' } });
});

test('through the SDK against the emulator: registries of a region, namespaces that sign, keys that can sign', async (t) => {
  const emulator = await startTestEmulator();
  t.teardown(() => emulator.close());
  const api = await createSdkApi(parseEndpoints([emulator.url]), { secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY });
  t.teardown(() => api.close());
  t.deepEqual((await listRegistries(api, 'ap-guangzhou'))?.map((r) => r.id), [GZ_REGISTRY]);
  const created = await api.call('tcr', 'CreateSignaturePolicy', 'ap-guangzhou', {
    RegistryId: GZ_REGISTRY, NamespaceName: 'ledger', Name: 'ledger-signing', KmsId: GZ_SIGNING_KEY, KmsRegion: 'ap-guangzhou',
  });
  t.true(created.ok);
  const namespaces = await listNamespaces(api, GZ_REGISTRY, 'ap-guangzhou');
  t.is(namespaces?.length, 27);
  t.deepEqual(namespaces?.filter((n) => n.signing).map((n) => n.name), ['ledger']);
  t.deepEqual((await listSigningKeys(api, 'ap-guangzhou'))?.map((k) => k.alias), ['image-signing-gz']);
  t.is(await listNamespaces(api, GZ_REGISTRY, 'ap-shanghai'), undefined, 'a registry of another region is not found there');
});

test('lists use credentials at hand only: the environment, then the tccli profile; none means typing', (t) => {
  const home = mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-home-'));
  t.deepEqual(quickCredential(undefined, { TENCENTCLOUD_SECRET_ID: 'AKID1', TENCENTCLOUD_SECRET_KEY: 'k1' }), { secretId: 'AKID1', secretKey: 'k1', token: undefined });
  // tccli profiles are read from the home directory; this test is synchronous, so no other test sees the swap.
  const previous = process.env.HOME;
  process.env.HOME = home;
  try {
    t.is(quickCredential(undefined, {}), undefined);
    mkdirSync(join(home, '.tccli'));
    writeFileSync(join(home, '.tccli', 'prod.credential'), JSON.stringify({ secretId: 'AKID2', secretKey: 'k2' }));
    t.like(quickCredential('prod', {}), { secretId: 'AKID2', secretKey: 'k2' });
  } finally {
    process.env.HOME = previous;
  }
});
