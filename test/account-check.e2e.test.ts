// The account check before a run, with the built CLI against the emulator: a slow check says what it
// is doing on every face and counts in the elapsed time; an endpoint that cannot be reached (TLS
// failure) stops at once, like a refused connection, with the reason.
import test from 'ava';
import type { EmulatorSeed } from '../src/emulator/seed-format.js';
import { cliEnv, runCli, startKitEmulator, tempDir, writeCsv } from './helpers/engine-kit.js';

const KEY = '66666666-0000-4000-8000-00000000a001';
const SEED: EmulatorSeed = {
  registries: [{ RegistryId: 'tcr-chk01', Region: 'ap-guangzhou', Namespaces: ['alpha', 'beta'] }],
  kmsKeys: [{ KeyId: KEY, Region: 'ap-guangzhou', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
};
const CSV = `Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion\nap-guangzhou,tcr-chk01,alpha,a,${KEY},ap-guangzhou\nap-guangzhou,tcr-chk01,beta,b,${KEY},ap-guangzhou\n`;
const READS = ['DescribeInstances', 'DescribeNamespaces', 'DescribeKeys'];
const seconds = (stderr: string): number => Number(/Done in (\d+(?:\.\d+)?)s/.exec(stderr)?.[1] ?? Number.NaN);

for (const face of [['--no-tui'], ['--json']]) {
  test(`a slow account check says so on stderr (${face.join(' ')}), and the elapsed time counts it`, async (t) => {
    const dir = await tempDir(t);
    const emulator = await startKitEmulator(t, { seed: SEED, latencyMs: 1500, faultActions: READS });
    const run = await runCli(t, ['batch', await writeCsv(dir, CSV), '--endpoint', emulator.url, '--dry-run', ...face], { cwd: dir, env: cliEnv(dir) });
    t.is(run.code, 0, run.stderr);
    t.regex(run.stderr, /^Checking the account \(\d+ read calls? so far\)…$/m);
    if (face[0] === '--json') {
      t.true(run.stdout.trim().split('\n').every((line) => line.startsWith('{')), 'stdout stays JSON');
      const end = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; elapsedMs?: number }).find((e) => e.type === 'end');
      t.true((end?.elapsedMs ?? 0) >= 1500, `elapsed ${end?.elapsedMs} ms counts the check`);
    } else {
      t.true(seconds(run.stderr) >= 1.5, `Done in ${seconds(run.stderr)}s counts the check:\n${run.stderr}`);
    }
  });
}

test('a TLS failure stops the check at once, with the reason and what to do; nothing is retried', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: SEED });
  // https:// to the emulator, which speaks http://: the handshake fails before any request is delivered.
  const endpoint = `https://127.0.0.1:${emulator.port}`;
  const run = await runCli(t, ['batch', await writeCsv(dir, CSV), '--endpoint', endpoint, '--yes', '--no-tui'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1, run.stderr);
  t.regex(run.stderr, /Preflight failed, so nothing is sent: DescribeInstances .* failed: TlsFailure: not sent: .*EPROTO/);
  t.regex(run.stderr, /hint: the TLS connection to the endpoint failed \(certificate or protocol\): check --endpoint/);
  t.notRegex(run.stderr, /Checking the account/, 'no wait to report: it stopped at once');
  t.deepEqual(emulator.state.actionCounts(), {}, 'no request reached the emulator');
});
