// The coverage line at the end of a live batch, and the whole loop a platform team runs:
// status → discover --all-registries --unsigned-only → batch → status, against the bundled seed.
import test from 'ava';
import { cliEnv, runCli, startKitEmulator, tempDir, writeCsv } from './helpers/engine-kit.js';

const GZ_KEY = '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3';
const CSV =
  'Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion\n' +
  `ap-guangzhou,tcr-ab12cd34,payments,payments-signing,${GZ_KEY},ap-guangzhou\n` +
  `ap-guangzhou,tcr-ab12cd34,checkout,checkout-signing,${GZ_KEY},ap-guangzhou\n` +
  `ap-tokyo,tcr-tyo00001,storefront,storefront-signing,${GZ_KEY},ap-guangzhou\n`;

test('a live batch ends with one line of coverage of the registries its rows name, read after the run', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t);
  const run = await runCli(t, ['batch', await writeCsv(dir, CSV), '--endpoint', emulator.url, '--yes', '--no-tui'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 0, run.stderr);
  t.regex(run.stderr, /Done in .*: 2 created, 1 skipped\.\n(?:.*\n)*Coverage now: tcr-ab12cd34 2\/27 signing \(7%\), tcr-tyo00001 6\/6 signing \(100%\)\.\n/);
});

test('--json: the coverage is one more event after end, and it parses', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t);
  const run = await runCli(t, ['batch', await writeCsv(dir, CSV), '--endpoint', emulator.url, '--yes', '--json'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 0, run.stderr);
  const events = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; registries?: unknown });
  t.deepEqual(events.slice(-2).map((e) => e.type), ['end', 'coverage']);
  t.deepEqual(events.at(-1)?.registries, [
    { registryId: 'tcr-ab12cd34', region: 'ap-guangzhou', namespaces: 27, signing: 2, notSigning: 25, coverage: 7 },
    { registryId: 'tcr-tyo00001', region: 'ap-tokyo', namespaces: 6, signing: 6, notSigning: 0, coverage: 100 },
  ]);
});

test('--no-preflight asked for no reads: no coverage line, and no read call at all', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t);
  const run = await runCli(t, ['batch', await writeCsv(dir, CSV), '--endpoint', emulator.url, '--yes', '--no-tui', '--no-preflight'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1, 'the Tokyo namespace already signs: ResourceInUse');
  t.notRegex(run.stderr, /Coverage now/);
  t.deepEqual(Object.keys(emulator.state.actionCounts()), ['CreateSignaturePolicy']);
});

test('status → discover --all-registries --unsigned-only → batch → status: every readable Running registry at 100% but the namespace outside our permissions', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t);
  const cli = (args: readonly string[]) => runCli(t, [...args, '--endpoint', emulator.url], { cwd: dir, env: cliEnv(dir) });
  const discover = await cli(['discover', '--all-registries', '--unsigned-only', '--kms-id', GZ_KEY, '--kms-region', 'ap-guangzhou', '--out', 'unsigned.csv']);
  t.is(discover.code, 1, 'the Denied registry could not be read');
  const batch = await cli(['batch', 'unsigned.csv', '--yes', '--no-tui', '--rate', '20']);
  // Singapore `ledger` is Denied in the bundled seed (the demo's live failure): the API refuses it.
  t.is(batch.code, 1, batch.stderr);
  t.regex(batch.stderr, /Done in .*: 78 created, 1 failed \(UnauthorizedOperation 1\)\./);
  t.regex(batch.stderr, /Coverage now: tcr-ab12cd34 27\/27 signing \(100%\), tcr-hkmany01 120\/120 signing \(100%\), tcr-9x8y7z6w 21\/21 signing \(100%\), tcr-f7g1ir99 16\/17 signing \(94%\)\./);
  const status = await cli(['status', '--json']);
  t.is(status.code, 1);
  const records = status.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { registryId: string; status: string; coverage: number | null });
  t.deepEqual(
    records.filter((r) => r.coverage !== 100).map((r) => [r.registryId, r.status, r.coverage]),
    [['tcr-stopped01', 'Isolated', 0], ['tcr-f7g1ir99', 'Running', 94], ['tcr-fra00001', 'Running', null]],
  );
});

test('a run the API refused (the plan failed on the credentials) prints no coverage line', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t);
  const env = cliEnv(dir, { TENCENTCLOUD_SECRET_KEY: 'not-the-right-key-000000000000000000' });
  const run = await runCli(t, ['batch', await writeCsv(dir, CSV), '--endpoint', emulator.url, '--yes', '--no-tui'], { cwd: dir, env });
  t.is(run.code, 1);
  t.regex(run.stderr, /Preflight failed, so nothing is sent: .*AuthFailure\.SignatureFailure/);
  t.regex(run.stderr, /3 not-sent/);
  t.notRegex(run.stderr, /Coverage now/);
});
