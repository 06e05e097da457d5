// The client's namespace paging (the preflight's listNamespaces and `discover`) against an emulator that
// counts DescribeNamespaces' Offset in items and one that counts it in pages, as the API reference says.
import test from 'ava';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmulatorHandle, EmulatorOptions } from '../src/emulator/index.js';
import type { EmulatorSeed } from '../src/emulator/seed-format.js';
import { tcrClient } from './helpers/emulator-kit.js';
import { TEST_SECRET_ID, TEST_SECRET_KEY, cliEnv, runCli, startKitEmulator, tempDir, writeCsv } from './helpers/engine-kit.js';

const REGISTRY = 'tcr-page01';
const KEY = '44444444-0000-4000-8000-00000000a001';
const NAMES = Array.from({ length: 250 }, (_, i) => `ns-${String(i).padStart(3, '0')}`);
const SIGNING = NAMES.slice(0, 130); // more than one page of them, too
const SEED: EmulatorSeed = {
  registries: [{ RegistryId: REGISTRY, Region: 'ap-guangzhou', Namespaces: NAMES }],
  kmsKeys: [{ KeyId: KEY, Region: 'ap-guangzhou', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
  policies: SIGNING.map((ns) => ({ RegistryId: REGISTRY, NamespaceName: ns, Name: `${ns}-old`, KmsId: KEY, KmsRegion: 'ap-guangzhou' })),
};

const modes: ReadonlyArray<[string, EmulatorOptions]> = [
  ['Offset in items', { seed: SEED }],
  ['Offset in pages (seed field)', { seed: { ...SEED, offsetCountsPages: true } }],
  ['Offset in pages (option)', { seed: SEED, offsetCountsPages: true }],
];

/** DescribeNamespaces bodies the emulator received, in order. */
function namespaceReads(emulator: EmulatorHandle): Array<Record<string, unknown>> {
  return emulator.state.recentRequests().filter((r) => r.action === 'DescribeNamespaces').map((r) => JSON.parse(r.body) as Record<string, unknown>);
}

test('with offsetCountsPages, Offset is a page number from 0; without it, an item index', async (t) => {
  const pages = await startKitEmulator(t, { seed: { ...SEED, offsetCountsPages: true } });
  const items = await startKitEmulator(t, { seed: SEED });
  const credential = { secretId: TEST_SECRET_ID, secretKey: TEST_SECRET_KEY };
  const names = async (emulator: EmulatorHandle, Offset: number) =>
    ((await tcrClient(emulator, credential).DescribeNamespaces({ RegistryId: REGISTRY, Limit: 100, Offset })).NamespaceList ?? []).map((n) => n.Name);
  t.deepEqual(await names(pages, 1), NAMES.slice(100, 200));
  t.deepEqual(await names(pages, 2), NAMES.slice(200));
  t.deepEqual(await names(pages, 100), []);
  t.deepEqual(await names(items, 1), NAMES.slice(1, 101));
});

for (const [mode, options] of modes) {
  test(`preflight (${mode}): 250 namespaces, 130 signing, every one seen`, async (t) => {
    const dir = await tempDir(t);
    const emulator = await startKitEmulator(t, { ...options, requestLogSize: 1000 });
    const csv = [
      'Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion',
      `ap-guangzhou,${REGISTRY},ns-249,last-signing,${KEY},ap-guangzhou`,
      `ap-guangzhou,${REGISTRY},ns-125,again-signing,${KEY},ap-guangzhou`,
      `ap-guangzhou,${REGISTRY},ns-999,missing-signing,${KEY},ap-guangzhou`,
    ].join('\n');
    const file = await writeCsv(dir, `${csv}\n`);
    const run = await runCli(t, ['batch', file, '--endpoint', emulator.url, '--dry-run', '--out', 'plan.json'], { cwd: dir, env: cliEnv(dir) });
    t.is(run.code, 1, run.stderr); // the missing namespace is blocked
    const results = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8')) as Array<Record<string, string>>;
    t.deepEqual(results.map((r) => [r.NamespaceName, r.status, r.ErrorCode]), [
      ['ns-249', 'dry-run', ''],
      ['ns-125', 'skipped', ''],
      ['ns-999', 'invalid', 'Blocked.NamespaceNotFound'],
    ]);
    const reads = namespaceReads(emulator);
    t.is(reads.some((body) => body['All'] === true), mode !== 'Offset in items', 'the All fallback is used only when paging comes up short');
  });

  test(`discover (${mode}): a row for each of the 250 namespaces, 120 with --unsigned-only`, async (t) => {
    const dir = await tempDir(t);
    const emulator = await startKitEmulator(t, options);
    const args = ['discover', '--endpoint', emulator.url, '--registry-id', REGISTRY, '--region', 'ap-guangzhou', '--kms-id', KEY, '--kms-region', 'ap-guangzhou'];
    const every = await runCli(t, args, { cwd: dir, env: cliEnv(dir) });
    t.is(every.code, 0, every.stderr);
    const rows = every.stdout.trimEnd().split('\n').slice(1).map((line) => line.split(',')[2]);
    t.deepEqual(rows, NAMES);
    const unsigned = await runCli(t, [...args, '--unsigned-only'], { cwd: dir, env: cliEnv(dir) });
    t.is(unsigned.code, 0, unsigned.stderr);
    t.deepEqual(unsigned.stdout.trimEnd().split('\n').slice(1).map((line) => line.split(',')[2]), NAMES.slice(130));
  });
}
