// discover → batch → rollback with the built CLI against the emulator: the rollback deletes exactly
// what the batch created, and the emulator ends as it started.
import test, { type ExecutionContext } from 'ava';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { RESULT_COLUMNS } from '../src/core/result.js';
import type { EmulatorHandle } from '../src/emulator/index.js';
import type { EmulatorSeed } from '../src/emulator/seed-format.js';
import { cliEnv, latestJournal, readJsonLines, runCli, startKitEmulator, tempDir, type ExportedResult } from './helpers/engine-kit.js';

const KEY = '44444444-0000-4000-8000-00000000a001';
const SEED: EmulatorSeed = {
  registries: [
    { RegistryId: 'tcr-rb01', Region: 'ap-guangzhou', Namespaces: ['alpha', 'beta', 'gamma', 'delta', 'signed'] },
    { RegistryId: 'tcr-rb02', Region: 'ap-guangzhou', Namespaces: ['other'] },
  ],
  kmsKeys: [{ KeyId: KEY, Region: 'ap-guangzhou', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
  policies: [
    { RegistryId: 'tcr-rb01', NamespaceName: 'signed', Name: 'older', KmsId: KEY, KmsRegion: 'ap-guangzhou' },
    { RegistryId: 'tcr-rb02', NamespaceName: 'other', Name: 'not-ours', KmsId: KEY, KmsRegion: 'ap-guangzhou' },
  ],
};

interface Onboarded {
  readonly dir: string;
  readonly emulator: EmulatorHandle;
  readonly initial: ReturnType<EmulatorHandle['state']['policies']>;
  cli(args: readonly string[]): ReturnType<typeof runCli>;
}

/** A fresh emulator, then discover and batch as a user would: four policies created, one namespace skipped. */
async function onboard(t: ExecutionContext): Promise<Onboarded> {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: SEED });
  const initial = emulator.state.policies();
  const cli = (args: readonly string[]): ReturnType<typeof runCli> => runCli(t, [...args, '--endpoint', emulator.url], { cwd: dir, env: cliEnv(dir) });
  const discover = await cli(['discover', '--registry-id', 'tcr-rb01', '--region', 'ap-guangzhou', '--kms-id', KEY, '--kms-region', 'ap-guangzhou', '--out', 'policies.csv']);
  t.is(discover.code, 0, discover.stderr);
  const batch = await cli(['batch', 'policies.csv', '--yes', '--no-tui', '--out', 'results.csv']);
  t.is(batch.code, 0, batch.stderr);
  t.is(emulator.state.policies().length, initial.length + 4);
  return { dir, emulator, initial, cli };
}

const deletes = (emulator: EmulatorHandle): Record<string, number> | undefined => emulator.state.actionCounts()['DeleteSignaturePolicy']?.outcomes;

test('discover → batch → rollback leaves the emulator exactly as it started', async (t) => {
  const { dir, emulator, initial, cli } = await onboard(t);
  const run = await cli(['rollback', 'results.csv', '--yes', '--no-tui', '--out', 'rollback.csv']);
  t.is(run.code, 0, run.stderr);
  t.deepEqual(emulator.state.policies(), initial);
  t.deepEqual(deletes(emulator), { ok: 4 });
  t.regex(run.stderr, /results\.csv: 4 signature policies created by that run; 1 row of other statuses left alone\./);
  t.regex(run.stderr, /Sending 4 DeleteSignaturePolicy requests/);
  t.regex(run.stderr, /Done in .*: 4 deleted\./);
  const [header, ...rows] = parse(await readFile(join(dir, 'rollback.csv'), 'utf8')) as string[][];
  t.deepEqual(header, [...RESULT_COLUMNS]);
  t.deepEqual(rows.map((r) => [r[3], r[9]]), [['alpha', 'deleted'], ['beta', 'deleted'], ['delta', 'deleted'], ['gamma', 'deleted']]);
  t.true(rows.every((r) => /^[0-9a-f-]{36}$/.test(r[10] ?? '')), 'each deleted row has the RequestId of its delete');
});

test('rollback --dry-run shows one DeleteSignaturePolicy per created row and sends nothing', async (t) => {
  const { emulator, cli } = await onboard(t);
  const run = await cli(['rollback', 'results.csv', '--dry-run']);
  t.is(run.code, 0, run.stderr);
  const bodies = run.stdout.split('\n').filter((l) => l.includes('DeleteSignaturePolicy 2019-09-24')).map((l) => l.trim());
  t.deepEqual(bodies, ['alpha', 'beta', 'delta', 'gamma'].map((ns) => `DeleteSignaturePolicy 2019-09-24 {"RegistryId":"tcr-rb01","NamespaceName":"${ns}"}`));
  t.is(deletes(emulator), undefined);
  t.regex(run.stderr, /Dry run: 4 DeleteSignaturePolicy requests for .*\n.*4 dry-run\. Nothing was sent\./);
});

test('a second rollback finds nothing left to delete: every row skipped, exit 0; its own results roll back nothing', async (t) => {
  const { dir, emulator, initial, cli } = await onboard(t);
  t.is((await cli(['rollback', 'results.csv', '--yes', '--no-tui', '--out', 'rollback.jsonl'])).code, 0);
  const again = await cli(['rollback', 'results.csv', '--yes', '--no-tui', '--out', 'again.jsonl']);
  t.is(again.code, 0, again.stderr);
  t.deepEqual(readJsonLines<ExportedResult>(join(dir, 'again.jsonl')).map((r) => r.status), ['skipped', 'skipped', 'skipped', 'skipped']);
  t.deepEqual(deletes(emulator), { ok: 4, ResourceNotFound: 4 });
  const ofRollback = await cli(['rollback', 'rollback.jsonl', '--yes', '--no-tui']);
  t.is(ofRollback.code, 0);
  t.regex(ofRollback.stderr, /0 signature policies created by that run; 4 rows of other statuses left alone\.\nNothing to roll back\./);
  t.deepEqual(emulator.state.policies(), initial);
});

test('rollback from the journal deletes the same policies as from the export', async (t) => {
  const { dir, emulator, initial, cli } = await onboard(t);
  const run = await cli(['rollback', latestJournal(dir) as string, '--yes', '--no-tui']);
  t.is(run.code, 0, run.stderr);
  t.deepEqual(emulator.state.policies(), initial);
});

test('only rows recorded as created are touched: failed, skipped and invalid rows of signing namespaces are left alone', async (t) => {
  const { dir, emulator, cli } = await onboard(t);
  const rows = parse(await readFile(join(dir, 'results.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  // Keep alpha as created; claim every other outcome for namespaces that sign and must stay signing.
  const edited = rows.map((r) => (r.NamespaceName === 'alpha' ? r : { ...r, status: r.NamespaceName === 'beta' ? 'failed' : r.NamespaceName === 'gamma' ? 'invalid' : 'skipped' }));
  edited.push({ ...(edited[0] as Record<string, string>), line: '9', RegistryId: 'tcr-rb02', NamespaceName: 'other', status: 'failed' });
  await writeFile(join(dir, 'edited.csv'), [RESULT_COLUMNS.join(','), ...edited.map((r) => RESULT_COLUMNS.map((c) => r[c] ?? '').join(','))].join('\n'));
  const run = await cli(['rollback', 'edited.csv', '--yes', '--no-tui']);
  t.is(run.code, 0, run.stderr);
  t.deepEqual(deletes(emulator), { ok: 1 });
  const signing = emulator.state.namespaces().filter((n) => n.signing).map((n) => `${n.RegistryId}/${n.Name}`).sort();
  t.deepEqual(signing, ['tcr-rb01/beta', 'tcr-rb01/delta', 'tcr-rb01/gamma', 'tcr-rb01/signed', 'tcr-rb02/other']);
});

test('rollback refuses to overwrite its input, a file that is not results, and a missing argument', async (t) => {
  const { emulator, cli } = await onboard(t);
  const same = await cli(['rollback', 'results.csv', '--yes', '--out', 'results.csv']);
  t.is(same.code, 2);
  t.regex(same.stderr, /--out results\.csv would overwrite the results file being rolled back/);
  const input = await cli(['rollback', 'policies.csv', '--yes']);
  t.is(input.code, 2);
  t.regex(input.stderr, /policies\.csv is not a results file/);
  const none = await cli(['rollback']);
  t.is(none.code, 2);
  t.regex(none.stderr, /rollback needs the results file/);
  t.is(deletes(emulator), undefined);
});
