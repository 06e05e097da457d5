// One --out guard for every command, with the built CLI: an existing file needs --force, the input is
// never replaced (a symlink to it is the input), and nothing is read or sent when the guard refuses.
import test from 'ava';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatorSeed } from '../src/emulator/seed-format.js';
import { cliEnv, runCli, startKitEmulator, tempDir } from './helpers/engine-kit.js';

const KEY = '55555555-0000-4000-8000-00000000a001';
const SEED: EmulatorSeed = {
  registries: [{ RegistryId: 'tcr-out01', Region: 'ap-guangzhou', Namespaces: ['alpha', 'beta'] }],
  kmsKeys: [{ KeyId: KEY, Region: 'ap-guangzhou', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
};
const CSV = `Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion\nap-guangzhou,tcr-out01,alpha,alpha-signing,${KEY},ap-guangzhou\n`;
const reads = (emulator: { state: { actionCounts(): Record<string, unknown> } }): string[] => Object.keys(emulator.state.actionCounts());

test('discover --out never replaces an existing file without --force, and reads nothing when it refuses', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: SEED });
  const edited = 'Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion\n# the user just edited this\n';
  writeFileSync(join(dir, 'policies.csv'), edited);
  const args = ['discover', '--registry-id', 'tcr-out01', '--region', 'ap-guangzhou', '--kms-id', KEY, '--kms-region', 'ap-guangzhou', '--endpoint', emulator.url, '--out', 'policies.csv'];
  const refused = await runCli(t, args, { cwd: dir, env: cliEnv(dir) });
  t.is(refused.code, 2, refused.stderr);
  t.regex(refused.stderr, /--out policies\.csv already exists/);
  t.regex(refused.stderr, /--force/);
  t.is(readFileSync(join(dir, 'policies.csv'), 'utf8'), edited, 'the file is untouched');
  t.deepEqual(reads(emulator), [], 'nothing was read');
  const forced = await runCli(t, [...args, '--force'], { cwd: dir, env: cliEnv(dir) });
  t.is(forced.code, 0, forced.stderr);
  t.regex(readFileSync(join(dir, 'policies.csv'), 'utf8'), /tcr-out01,alpha,alpha-signing/);
});

test('batch through a symlink to its input never writes --out over the input, even with --force', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: SEED });
  writeFileSync(join(dir, 'policies.csv'), CSV);
  symlinkSync('policies.csv', join(dir, 'link.csv'));
  const run = await runCli(t, ['batch', 'link.csv', '--out', 'policies.csv', '--force', '--yes', '--no-tui', '--endpoint', emulator.url], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 2, run.stderr);
  t.regex(run.stderr, /--out policies\.csv would overwrite the input file \(link\.csv\)/);
  t.notRegex(run.stderr, /\n\s+at /, 'no stack trace');
  t.is(readFileSync(join(dir, 'policies.csv'), 'utf8'), CSV);
  t.deepEqual(reads(emulator), [], 'nothing was sent');
});

test('status --out: an existing file needs --force; a missing folder is named before any read', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: SEED });
  writeFileSync(join(dir, 'coverage.csv'), 'kept\n');
  const status = (out: string, ...more: string[]): ReturnType<typeof runCli> => runCli(t, ['status', '--endpoint', emulator.url, '--out', out, ...more], { cwd: dir, env: cliEnv(dir) });
  const exists = await status('coverage.csv');
  t.is(exists.code, 2, exists.stderr);
  t.regex(exists.stderr, /already exists/);
  const missing = await status(join('nowhere', 'coverage.csv'));
  t.is(missing.code, 2, missing.stderr);
  t.regex(missing.stderr, /no such directory/);
  t.is(readFileSync(join(dir, 'coverage.csv'), 'utf8'), 'kept\n');
  t.deepEqual(reads(emulator), []);
});
