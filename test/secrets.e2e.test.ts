// A secret key given to the built CLI must not show up in anything it prints or writes.
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accountsDataset, ROLE_A, ROLE_B, temporarySecretLeaks } from './helpers/accounts-kit.js';
import {
  cliEnv,
  faultSeedFor,
  journalResults,
  latestJournal,
  makeDataset,
  runCli,
  startKitEmulator,
  statusCounts,
  tempDir,
  writeCsv,
  TEST_SECRET_ID,
  type CliExit,
} from './helpers/engine-kit.js';

const SECRET_KEY = 'Zq9LeakCanaryK3yXw7Vb2Nm5Pt8Rs4';
const SESSION_TOKEN = 'Tk7LeakCanaryT0kenHj6Gf3Dq1Wz9';
const ROWS = 8; // row 5 (index 3) names a namespace the seed lacks: it fails
const env = (dir: string): NodeJS.ProcessEnv =>
  cliEnv(dir, { TENCENTCLOUD_SECRET_KEY: SECRET_KEY, TENCENTCLOUD_SESSION_TOKEN: SESSION_TOKEN });

/** Everything the run left behind: its output streams and every file in its directory. */
function leaks(run: CliExit, dir: string): string[] {
  const places: [string, string][] = [
    ['stdout', run.stdout],
    ['stderr', run.stderr],
    ...readdirSync(dir).map((f): [string, string] => [f, readFileSync(join(dir, f), 'latin1')]),
  ];
  return places.flatMap(([where, text]) =>
    [SECRET_KEY, SESSION_TOKEN].filter((s) => text.includes(s)).map((s) => `${s === SECRET_KEY ? 'key' : 'token'} in ${where}`),
  );
}

for (const [out, face] of [['results.csv', '--no-tui'], ['results.json', '--json'], ['results.jsonl', '--no-tui']] as const) {
  test(`a live run with a failing row and a retry leaks no secret (${out}, ${face})`, async (t) => {
    const dataset = makeDataset(ROWS);
    const dir = await tempDir(t);
    const csv = await writeCsv(dir, dataset.csv, 'policies.csv');
    // The first request is throttled, so its row is sent again.
    const faults = { throttleRate: 0.3 };
    const faultSeed = faultSeedFor(faults, ['throttle', ...Array<'none'>(ROWS).fill('none')]);
    const emulator = await startKitEmulator(t, { seed: dataset.seed, ...faults, faultSeed, credentials: [{ secretId: TEST_SECRET_ID, secretKey: SECRET_KEY }] });
    // --no-preflight: the business-error row must reach the API and fail there, with its answer in every output.
    const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', face, '--no-preflight', '--out', out], { cwd: dir, env: env(dir) });

    t.is(run.code, 1, run.stderr);
    const journal = journalResults(latestJournal(dir));
    t.like(statusCounts(journal), { created: ROWS - 1, failed: 1 });
    t.true(journal.some((r) => r.attempts === 2), 'no row was retried');
    t.deepEqual(leaks(run, dir), []);
  });
}

test('a run whose key the API refuses leaks no secret', async (t) => {
  const dataset = makeDataset(ROWS);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed, credentials: [{ secretId: TEST_SECRET_ID, secretKey: 'anotherKeyEntirely0000000000000' }] });
  const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.csv'], { cwd: dir, env: env(dir) });
  t.is(run.code, 1, run.stderr);
  t.regex(run.stdout + run.stderr, /AuthFailure\.SignatureFailure/);
  t.deepEqual(leaks(run, dir), []);
});

test('a dry run leaks no secret in any export format', async (t) => {
  const dataset = makeDataset(ROWS);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const runs = await Promise.all(
    ['preview.csv', 'preview.json', 'preview.jsonl'].map((out) => runCli(t, ['batch', csv, '--dry-run', '--no-preflight', '--json', '--out', out], { cwd: dir, env: env(dir) })),
  );
  for (const run of runs) {
    t.is(run.code, 0, run.stderr);
    t.deepEqual(leaks(run, dir), []);
  }
  t.is(readdirSync(dir).length, 4, readdirSync(dir).join(', ')); // the CSV and three previews
});

test('with no credentials anywhere, a live run is a usage error naming what to set, and sends nothing', async (t) => {
  const dataset = makeDataset(ROWS);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed });
  // HOME is the empty temp dir: no tccli profile, no ~/.tencentcloud/credentials.
  const noCredentials = cliEnv(dir, { TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' });
  const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.csv'], { cwd: dir, env: noCredentials });
  t.is(run.code, 2, run.stderr);
  t.regex(run.stderr, /no credentials found/);
  t.regex(run.stderr, /TENCENTCLOUD_SECRET_ID/);
  t.deepEqual(emulator.state.actionCounts(), {});
});

test('a run through CAM roles leaks no temporary SecretId, key or token, in --json events, the journal or the export', async (t) => {
  const data = accountsDataset(6, ['', ROLE_A, ROLE_B]);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, data.csv);
  const emulator = await startKitEmulator(t, { seed: data.seed, credentials: [{ secretId: TEST_SECRET_ID, secretKey: SECRET_KEY }] });
  const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--json', '--out', 'results.jsonl'], { cwd: dir, env: env(dir) });
  t.is(run.code, 0, run.stderr);
  t.deepEqual(Object.keys(emulator.state.assumedRoles()).sort(), [ROLE_A, ROLE_B].sort());
  t.is(emulator.state.issuedSecrets().length, 6, 'two roles, each a SecretId, a key and a token');
  t.deepEqual(temporarySecretLeaks(emulator, dir, { stdout: run.stdout, stderr: run.stderr }), []);
  t.deepEqual(leaks(run, dir), []);
});
