// Many accounts in one run: rows grouped by account (the base key and two roles), plus rows whose role does not exist.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROLE_A, ROLE_B, ROLE_MISSING, accountsDataset, temporarySecretLeaks } from './helpers/accounts-kit.js';
import { disagreements } from './helpers/agreement.js';
import { cliEnv, journalResults, latestJournal, runCli, startKitEmulator, statusCounts, tempDir, writeCsv } from './helpers/engine-kit.js';

const PER_ACCOUNT = 100;
const MISSING = 50;

test('300 rows over three accounts and 50 whose role does not exist: 300 created each with its own account, 50 not-sent naming the role, exit 1; rollback deletes the 300', async (t) => {
  const good = accountsDataset(PER_ACCOUNT, ['', ROLE_A, ROLE_B]);
  const bad = accountsDataset(MISSING, [ROLE_MISSING]);
  const seed = { ...good.seed, registries: [...(good.seed.registries ?? []).slice(0, 3), ...(bad.seed.registries ?? []).slice(3)] };
  const csv = good.csv + bad.csv.split('\n').slice(1).join('\n');
  const dir = await tempDir(t);
  const input = await writeCsv(dir, csv);
  const emulator = await startKitEmulator(t, { seed });

  const run = await runCli(t, ['batch', input, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.csv'], { cwd: dir, env: cliEnv(dir) });

  t.is(run.code, 1, run.stderr);
  const results = parse(readFileSync(join(dir, 'results.csv')), { columns: true }) as { line: string; status: string; RoleArn: string; ErrorCode: string; ErrorMessage: string; RegistryId: string; NamespaceName: string }[];
  t.deepEqual(Object.keys(results[0] ?? {}).slice(0, 3), ['line', 'Region', 'RoleArn']);
  t.deepEqual(statusCounts(results), { created: 3 * PER_ACCOUNT, 'not-sent': MISSING });
  for (const r of results.filter((x) => x.status === 'not-sent')) {
    t.is(r.RoleArn, ROLE_MISSING);
    t.is(r.ErrorCode, 'InternalError.GetRoleError');
    t.true(r.ErrorMessage.includes(ROLE_MISSING), r.ErrorMessage);
  }
  for (const role of ['', ROLE_A, ROLE_B]) t.is(results.filter((r) => r.status === 'created' && r.RoleArn === role).length, PER_ACCOUNT, role || 'base');
  t.deepEqual(disagreements(emulator, seed, results.map((r) => ({ ...r, line: Number(r.line) }))), []);
  const assumed = emulator.state.assumedRoles();
  t.true((assumed[ROLE_A] ?? 0) >= 1 && (assumed[ROLE_A] ?? 0) <= 2, JSON.stringify(assumed));
  t.true((assumed[ROLE_B] ?? 0) >= 1 && (assumed[ROLE_B] ?? 0) <= 2, JSON.stringify(assumed));
  t.true(run.stderr.includes(`Account ${ROLE_MISSING} stopped (InternalError.GetRoleError): 50 rows not sent.`), run.stderr);
  t.deepEqual(journalResults(latestJournal(dir)).filter((r) => r.status === 'created').length, 3 * PER_ACCOUNT);

  // No temporary key or token anywhere the run wrote.
  t.deepEqual(temporarySecretLeaks(emulator, dir, { stdout: run.stdout, stderr: run.stderr }), []);

  const rollback = await runCli(t, ['rollback', 'results.csv', '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'rollback.csv'], { cwd: dir, env: cliEnv(dir) });
  t.is(rollback.code, 0, rollback.stderr);
  t.deepEqual(emulator.state.policies(), []);
});
