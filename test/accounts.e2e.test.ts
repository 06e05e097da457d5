import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLE_A, ROLE_MISSING, accountsDataset, temporarySecretLeaks, withoutRoleColumn } from './helpers/accounts-kit.js';
import { cliEnv, journalResults, latestJournal, runCli, startKitEmulator, statusCounts, tempDir, writeCsv } from './helpers/engine-kit.js';

test('--role-arn sends every row as that role: the policies land in its account, the role is assumed once, no temporary secret leaks', async (t) => {
  const data = accountsDataset(12, [ROLE_A]);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, withoutRoleColumn(data.csv));
  const emulator = await startKitEmulator(t, { seed: data.seed });
  const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--role-arn', ROLE_A, '--yes', '--json', '--out', 'results.csv'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 0, run.stderr);
  t.is(emulator.state.policies().filter((p) => p.RegistryId === 'tcr-teama001').length, 12);
  t.deepEqual(emulator.state.assumedRoles(), { [ROLE_A]: 1 });
  t.deepEqual(temporarySecretLeaks(emulator, dir, { stdout: run.stdout, stderr: run.stderr }), []);
});

test('without the role, the same rows meet a registry the base account does not have', async (t) => {
  const data = accountsDataset(3, [ROLE_A]);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, withoutRoleColumn(data.csv));
  const emulator = await startKitEmulator(t, { seed: data.seed });
  const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--no-preflight', '--yes', '--no-tui'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1, run.stderr);
  t.like(statusCounts(journalResults(latestJournal(dir))), { failed: 3 });
  t.is(emulator.state.policies().length, 0);
});

test('a role that cannot be assumed: every row not-sent naming the role and STS\'s code, exit 1, nothing created', async (t) => {
  const data = accountsDataset(5, [ROLE_A]);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, withoutRoleColumn(data.csv));
  const emulator = await startKitEmulator(t, { seed: data.seed });
  const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--role-arn', ROLE_MISSING, '--no-preflight', '--yes', '--no-tui', '--out', 'results.json'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1, run.stderr);
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { status: string; ErrorCode: string; ErrorMessage: string }[];
  t.deepEqual(statusCounts(results), { 'not-sent': 5 });
  for (const r of results) {
    t.is(r.ErrorCode, 'InternalError.GetRoleError');
    t.true(r.ErrorMessage.includes(ROLE_MISSING), r.ErrorMessage);
  }
  t.deepEqual(emulator.state.assumedRoles(), {});
  t.is(emulator.state.actionCounts()['AssumeRole']?.requests, 1);
  t.is(emulator.state.actionCounts()['CreateSignaturePolicy'], undefined);
});

test('a --role-arn that is not a CAM role ARN is a usage error before anything is sent', async (t) => {
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, withoutRoleColumn(accountsDataset(1, [ROLE_A]).csv));
  const run = await runCli(t, ['batch', csv, '--role-arn', 'arn:aws:iam::1:role/x', '--yes', '--no-tui'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 2);
  t.regex(run.stderr, /--role-arn: "arn:aws:iam::1:role\/x" is not a CAM role ARN/);
  t.notRegex(run.stderr, /\n\s+at /);
});
