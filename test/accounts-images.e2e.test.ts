// sign-images over several accounts: the base credentials' registry and two reached through CAM roles,
// each holding images, listed, planned and signed in one run, each tag through its own account.
import test from 'ava';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { EmulatorSeed } from '../src/emulator/index.js';
import { ROLE_A, ROLE_B, ROLE_MISSING, SIGNING_KEY, UIN_A, UIN_B, temporarySecretLeaks } from './helpers/accounts-kit.js';
import { cliEnv, runCli, startKitEmulator, tempDir } from './helpers/engine-kit.js';
import { held, keyOf } from './helpers/images-kit.js';

/** Registry → the role that reaches its account ('' for the base credentials). */
const OWNER: Readonly<Record<string, string>> = { 'tcr-base0001': '', 'tcr-teama001': ROLE_A, 'tcr-teamb001': ROLE_B };
/** The role a registry's tags must go through. */
const ownerOf = (registry: string | undefined): string => OWNER[registry ?? ''] ?? `no such registry: ${registry}`;
const UIN: Readonly<Record<string, string | undefined>> = { '': undefined, [ROLE_A]: UIN_A, [ROLE_B]: UIN_B };

/** Each registry: namespace `apps` with two repositories (12 tags, 3 signed already); `policies` gives each namespace its policy. */
function seedOf(policies: boolean): EmulatorSeed {
  const registries = Object.entries(OWNER).map(([RegistryId, role]) => ({
    RegistryId,
    Region: 'ap-guangzhou',
    ...(UIN[role] ? { Account: UIN[role] } : {}),
    Namespaces: [{ Name: 'apps', Repositories: [{ Name: 'api', Tags: 8, Signed: 2 }, { Name: 'images/web', Tags: 4, Signed: 1 }] }],
  }));
  return {
    accounts: [{ Uin: UIN_A, Roles: ['tcr-signer'] }, { Uin: UIN_B, Roles: ['tcr-signer'] }],
    registries,
    kmsKeys: [{ KeyId: SIGNING_KEY, Region: 'ap-guangzhou', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
    policies: policies ? registries.map((r) => ({ RegistryId: r.RegistryId, NamespaceName: 'apps', Name: 'apps-signing', KmsId: SIGNING_KEY, KmsRegion: 'ap-guangzhou' })) : [],
  };
}

type Row = Record<string, string>;
const readCsv = (path: string): Row[] => parse(readFileSync(path), { columns: true }) as Row[];

test('sign-images --role-arn A --role-arn B: the dry run plans the tags of all three accounts, each with its account; nothing is signed', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: seedOf(true) });
  const run = await runCli(t, ['sign-images', '--all-registries', '--role-arn', ROLE_A, '--role-arn', ROLE_B, '--endpoint', emulator.url, '--dry-run', '--no-tui', '--out', 'plan.csv'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 0, run.stderr);
  const rows = readCsv(join(dir, 'plan.csv'));
  t.deepEqual(Object.keys(rows[0] ?? {}).slice(4, 8), ['Digest', 'Region', 'RoleArn', 'status']);
  t.is(rows.length, 3 * 12);
  for (const r of rows) t.is(r.RoleArn, ownerOf(r.RegistryId), keyOf(r));
  for (const registry of Object.keys(OWNER)) {
    t.deepEqual(rows.filter((r) => r.RegistryId === registry).map((r) => r.status).sort(), [...Array<string>(9).fill('dry-run'), ...Array<string>(3).fill('skipped')], registry);
  }
  t.is(emulator.state.actionCounts().CreateSignature, undefined, 'no CreateSignature sent');
});

test('live over three accounts: every unsigned tag signed through its own account, results and --json carry RoleArn, no temporary key anywhere', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: seedOf(true) });
  const run = await runCli(t, ['sign-images', '--all-registries', '--role-arn', ROLE_A, '--role-arn', ROLE_B, '--endpoint', emulator.url, '--yes', '--json', '--out', 'signed.csv'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 0, run.stderr);
  const rows = readCsv(join(dir, 'signed.csv'));
  t.is(rows.filter((r) => r.status === 'signed').length, 3 * 9);
  for (const r of rows) t.is(r.RoleArn, ownerOf(r.RegistryId), keyOf(r));
  // What was recorded agrees with what the emulator holds: every tag listed is signed there now.
  const now = held(emulator);
  t.is(now.size, rows.length);
  for (const r of rows) t.true(now.get(keyOf(r)), `${keyOf(r)} is signed in the emulator`);
  t.true(Object.values(emulator.state.successfulSignatures()).every((n) => n === 1), 'no tag signed twice');
  const done = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; result?: Row }).filter((e) => e.type === 'row-done');
  t.is(done.length, rows.length);
  for (const e of done) t.is(e.result?.RoleArn ?? '', ownerOf(e.result?.RegistryId), JSON.stringify(e.result ?? {}));
  const journal = readdirSync(dir).find((f) => f.endsWith('.journal.jsonl')) ?? '';
  t.regex(readFileSync(join(dir, journal), 'utf8'), new RegExp(`"RoleArn":"${ROLE_B.replaceAll('/', '\\/')}"`));
  const assumed = emulator.state.assumedRoles();
  t.true([ROLE_A, ROLE_B].every((role) => (assumed[role] ?? 0) >= 1 && (assumed[role] ?? 0) <= 2), JSON.stringify(assumed));
  t.deepEqual(temporarySecretLeaks(emulator, dir, { stdout: run.stdout, stderr: run.stderr }), []);
});

test('sign-images --from a three-account batch: each namespace signed with its row\'s account; a role that no longer exists leaves its namespace not-sent naming the role, exit 1', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: seedOf(false) });
  const env = cliEnv(dir);
  const csv = Object.entries(OWNER).map(([registry, role]) => `ap-guangzhou,${registry},apps,apps-signing,${SIGNING_KEY},ap-guangzhou,${role}`);
  writeFileSync(join(dir, 'policies.csv'), `Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion,RoleArn\n${csv.join('\n')}\n`);
  const batch = await runCli(t, ['batch', 'policies.csv', '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.csv'], { cwd: dir, env });
  t.is(batch.code, 0, batch.stderr);
  // The batch's own results sign every account's images; then B's role is named by one that does not exist.
  const results = readFileSync(join(dir, 'results.csv'), 'utf8');
  writeFileSync(join(dir, 'gone.csv'), results.replaceAll(ROLE_B, ROLE_MISSING));

  const run = await runCli(t, ['sign-images', '--from', 'gone.csv', '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'signed.csv'], { cwd: dir, env });
  t.is(run.code, 1, run.stderr);
  const rows = readCsv(join(dir, 'signed.csv'));
  const signed = rows.filter((r) => r.status === 'signed');
  t.is(signed.length, 2 * 9);
  t.deepEqual([...new Set(signed.map((r) => `${r.RegistryId} ${r.RoleArn}`))].sort(), [`tcr-base0001 `, `tcr-teama001 ${ROLE_A}`].sort());
  const notSent = rows.filter((r) => r.status === 'not-sent');
  t.deepEqual(notSent.map((r) => [r.RegistryId, r.NamespaceName, r.RoleArn, r.ErrorCode]), [['tcr-teamb001', 'apps', ROLE_MISSING, 'InternalError.GetRoleError']]);
  t.true(notSent[0]?.ErrorMessage?.includes(ROLE_MISSING), notSent[0]?.ErrorMessage);
  t.true(run.stderr.includes(`Account ${ROLE_MISSING} stopped (InternalError.GetRoleError)`), run.stderr);
  // B's tags are untouched; A's and the base's are all signed.
  const now = held(emulator);
  t.is([...now].filter(([key, isSigned]) => key.startsWith('tcr-teamb001/') && isSigned).length, 3);
  t.true([...now].filter(([key]) => !key.startsWith('tcr-teamb001/')).every(([, isSigned]) => isSigned));
  t.deepEqual(temporarySecretLeaks(emulator, dir, { stdout: run.stdout, stderr: run.stderr, 'batch stdout': batch.stdout, 'batch stderr': batch.stderr }), []);
});

test('a --role-arn that cannot be assumed: its account is named on stderr, the others are planned, exit 1', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: seedOf(true) });
  const run = await runCli(t, ['sign-images', '--all-registries', '--role-arn', ROLE_A, '--role-arn', ROLE_MISSING, '--endpoint', emulator.url, '--dry-run', '--no-tui', '--out', 'plan.csv'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1, run.stderr);
  t.regex(run.stderr, /account qcs::cam::uin\/300000000003:roleName\/no-such-role could not be listed: .*InternalError\.GetRoleError/);
  const rows = readCsv(join(dir, 'plan.csv'));
  t.deepEqual([...new Set(rows.map((r) => r.RegistryId))].sort(), ['tcr-base0001', 'tcr-teama001']);
});

test('status --images --role-arn A --role-arn B: every account\'s namespaces, image by image, each with its account', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: seedOf(true) });
  const args = ['status', '--images', '--role-arn', ROLE_A, '--role-arn', ROLE_B, '--endpoint', emulator.url];
  const json = await runCli(t, [...args, '--json'], { cwd: dir, env: cliEnv(dir) });
  t.is(json.code, 0, json.stderr);
  const records = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as { RoleArn?: string; RegistryId: string; images: number; signedImages: number });
  t.deepEqual(records.map((r) => [r.RegistryId, r.RoleArn ?? '', r.images, r.signedImages]).sort(), Object.entries(OWNER).map(([registry, role]) => [registry, role, 12, 3]).sort());
  const table = await runCli(t, args, { cwd: dir, env: { ...cliEnv(dir), COLUMNS: '200' } });
  t.regex(table.stdout, /^ACCOUNT\s+REGISTRY/m);
  t.regex(table.stdout, /^base credentials\s+tcr-base0001/m);
});
