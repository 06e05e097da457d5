// status and discover --all-registries over several accounts: the base credentials' and each --role-arn's, in one table.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROLE_A, ROLE_B, ROLE_MISSING, SIGNING_KEY, accountsDataset } from './helpers/accounts-kit.js';
import { cliEnv, runCli, startKitEmulator, tempDir } from './helpers/engine-kit.js';

const data = accountsDataset(3, ['', ROLE_A, ROLE_B]);

test('status --role-arn A --role-arn B lists the registries of all three accounts, each with its account', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: data.seed });
  const run = await runCli(t, ['status', '--endpoint', emulator.url, '--role-arn', ROLE_A, '--role-arn', ROLE_B, '--json'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 0, run.stderr);
  const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { registryId: string; roleArn?: string; namespaces: number });
  t.deepEqual(
    records.map((r) => [r.roleArn ?? 'base', r.registryId, r.namespaces]).sort(),
    [['base', 'tcr-base0001', 3], [ROLE_A, 'tcr-teama001', 3], [ROLE_B, 'tcr-teamb001', 3], [ROLE_B, 'tcr-gone0001', 0]].sort(),
  );
  t.deepEqual(emulator.state.assumedRoles(), { [ROLE_A]: 1, [ROLE_B]: 1 });
});

test('the table names each registry\'s account; a role that cannot be assumed is said and exits 1, the others still shown', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: data.seed });
  const run = await runCli(t, ['status', '--endpoint', emulator.url, '--role-arn', ROLE_A, '--role-arn', ROLE_MISSING], { cwd: dir, env: { ...cliEnv(dir), COLUMNS: '200' } });
  t.is(run.code, 1, run.stderr);
  t.regex(run.stdout, /^ACCOUNT\s+REGISTRY/m);
  t.regex(run.stdout, new RegExp(`^${ROLE_A.replaceAll('/', '\\/')}\\s+tcr-teama001`, 'm'));
  t.regex(run.stdout, /^base credentials\s+tcr-base0001/m);
  t.regex(run.stderr, /account qcs::cam::uin\/300000000003:roleName\/no-such-role could not be listed/);
  t.regex(run.stderr, /InternalError\.GetRoleError/);
});

test('discover --all-registries over three accounts writes each row with its RoleArn, and batch sends each with its account', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: data.seed });
  const env = cliEnv(dir);
  const discover = await runCli(t, ['discover', '--all-registries', '--kms-id', SIGNING_KEY, '--kms-region', 'ap-guangzhou', '--endpoint', emulator.url, '--role-arn', ROLE_A, '--role-arn', ROLE_B, '--out', 'all.csv'], { cwd: dir, env });
  t.is(discover.code, 0, discover.stderr);
  const rows = parse(readFileSync(join(dir, 'all.csv')), { columns: true }) as { RegistryId: string; RoleArn: string }[];
  t.is(rows.length, 9);
  const owner: Record<string, string> = { 'tcr-base0001': '', 'tcr-teama001': ROLE_A, 'tcr-teamb001': ROLE_B };
  for (const r of rows) t.is(r.RoleArn, owner[r.RegistryId] ?? 'unknown registry');
  const batch = await runCli(t, ['batch', 'all.csv', '--endpoint', emulator.url, '--yes', '--no-tui'], { cwd: dir, env });
  t.is(batch.code, 0, batch.stderr);
  t.is(emulator.state.policies().length, 9);
});
