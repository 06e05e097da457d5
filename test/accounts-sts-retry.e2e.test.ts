// What STS answers decides how long an account waits: a transient failure (the first AssumeRole of each
// role answers a 503 page or an InternalError) is asked again and every row is still created; a refusal
// (a trust policy that leaves the caller out) stops that account at once.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROLE_A, ROLE_B, UIN_A, UIN_B, accountsDataset, temporarySecretLeaks } from './helpers/accounts-kit.js';
import { disagreements } from './helpers/agreement.js';
import { cliEnv, runCli, startKitEmulator, statusCounts, tempDir, writeCsv } from './helpers/engine-kit.js';

test('the first AssumeRole of each role answers a transient error: every row of every account is created, each role assumed at most twice', async (t) => {
  const data = accountsDataset(20, ['', ROLE_A, ROLE_B]);
  const seed = {
    ...data.seed,
    accounts: [
      { Uin: UIN_A, Roles: ['tcr-signer'], Faults: ['http-503' as const] },
      { Uin: UIN_B, Roles: ['tcr-signer'], Faults: ['InternalError' as const] },
    ],
  };
  const dir = await tempDir(t);
  const input = await writeCsv(dir, data.csv);
  const emulator = await startKitEmulator(t, { seed });

  const run = await runCli(t, ['batch', input, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.csv'], { cwd: dir, env: cliEnv(dir) });

  t.is(run.code, 0, run.stderr);
  const results = parse(readFileSync(join(dir, 'results.csv')), { columns: true }) as { line: string; status: string; RoleArn: string; RegistryId: string; NamespaceName: string; ErrorCode: string }[];
  t.deepEqual(statusCounts(results), { created: 60 });
  t.deepEqual(disagreements(emulator, seed, results.map((r) => ({ ...r, line: Number(r.line) }))), []);
  const assumed = emulator.state.assumedRoles();
  t.true([ROLE_A, ROLE_B].every((role) => (assumed[role] ?? 0) >= 1 && (assumed[role] ?? 0) <= 2), JSON.stringify(assumed));
  // Each role: the refused attempt and the one that worked (a refresh would add one more at most).
  const requests = emulator.state.actionCounts()['AssumeRole']?.requests ?? 0;
  t.true(requests >= 4 && requests <= 6, `AssumeRole requests: ${requests}`);
  t.deepEqual(temporarySecretLeaks(emulator, dir, { stdout: run.stdout, stderr: run.stderr }), []);
});

test("a role whose trust policy leaves the caller's account out: STS asked once, that account's rows not-sent with UnauthorizedOperation naming the role, the others created, exit 1", async (t) => {
  const data = accountsDataset(10, ['', ROLE_A, ROLE_B]);
  // B's role trusts only A's account, not the base credentials'.
  const seed = { ...data.seed, accounts: [{ Uin: UIN_A, Roles: ['tcr-signer'] }, { Uin: UIN_B, Roles: [{ Name: 'tcr-signer', Trusts: [UIN_A] }] }] };
  const dir = await tempDir(t);
  const input = await writeCsv(dir, data.csv);
  const emulator = await startKitEmulator(t, { seed });

  const run = await runCli(t, ['batch', input, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.csv'], { cwd: dir, env: cliEnv(dir) });

  t.is(run.code, 1, run.stderr);
  const results = parse(readFileSync(join(dir, 'results.csv')), { columns: true }) as { status: string; RoleArn: string; ErrorCode: string; ErrorMessage: string }[];
  t.deepEqual(statusCounts(results), { created: 20, 'not-sent': 10 });
  for (const r of results.filter((x) => x.status === 'not-sent')) {
    t.is(r.RoleArn, ROLE_B);
    t.is(r.ErrorCode, 'UnauthorizedOperation');
    t.true(r.ErrorMessage.includes(ROLE_B), r.ErrorMessage);
  }
  t.true(run.stderr.includes(`Account ${ROLE_B} stopped (UnauthorizedOperation)`), run.stderr);
  t.deepEqual(emulator.state.assumedRoles(), { [ROLE_A]: 1 });
  t.is(emulator.state.actionCounts()['AssumeRole']?.requests, 2, 'a permanent refusal is not asked again');
});
