// `sign-images` run as a user would: the built CLI, the real SDK over HTTP, the emulator seeded with a
// world of 2 registries, 6 namespaces (one without a policy), 8 repositories and 485 tags.
import test, { type ExecutionContext } from 'ava';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmulatorHandle, EmulatorOptions } from '../src/emulator/index.js';
import { cliEnv, runCli, startKitEmulator, tempDir, type CliExit } from './helpers/engine-kit.js';
import { held, keyOf, readCsv, WORLD } from './helpers/images-kit.js';

const TAG_COLUMNS = ['RegistryId', 'NamespaceName', 'RepositoryName', 'ImageVersion', 'Digest', 'Region', 'status', 'RequestId', 'ErrorCode', 'ErrorMessage', 'attempts', 'startedAt', 'finishedAt'];

interface Setup {
  readonly dir: string;
  readonly emulator: EmulatorHandle;
  sign(args?: readonly string[]): Promise<CliExit>;
}

async function setup(t: ExecutionContext, options: EmulatorOptions = {}): Promise<Setup> {
  const dir = await tempDir(t, 'tcr-images-');
  const emulator = await startKitEmulator(t, { seed: WORLD, ...options });
  return { dir, emulator, sign: (args = []) => runCli(t, ['sign-images', '--endpoint', emulator.url, '--no-tui', ...args], { cwd: dir, env: cliEnv(dir) }) };
}


for (const repositoryNames of ['with-namespace', 'bare'] as const) {
  test(`dry run over the world (repository names ${repositoryNames}): plans exactly the unsigned tags of namespaces with a policy, skips the signed, blocks the rest, sends nothing`, async (t) => {
    const s = await setup(t, { repositoryNames });
    const before = held(s.emulator);
    const done = await s.sign(['--all-registries', '--dry-run', '--out', 'plan.csv']);
    t.is(done.code, 1, done.stderr); // blocked tags are `invalid`: exit 1, as for batch
    const rows = await readCsv(join(s.dir, 'plan.csv'));
    t.deepEqual(Object.keys(rows[0] ?? {}), TAG_COLUMNS);
    t.is(rows.length, 485);
    for (const row of rows) {
      const signed = before.get(keyOf(row));
      t.not(signed, undefined, `${keyOf(row)} is a tag the emulator holds`);
      const expected = signed === true ? 'skipped' : row.NamespaceName === 'tools' ? 'invalid' : 'dry-run';
      if (row.status !== expected) t.fail(`${keyOf(row)}: ${row.status}, expected ${expected}`);
    }
    t.is(rows.filter((r) => r.status === 'invalid').length, 20);
    t.true(rows.filter((r) => r.status === 'invalid').every((r) => r.ErrorCode === 'Blocked.NoSignaturePolicy' && /tcr-sigpolicy create/.test(r.ErrorMessage ?? '')));
    t.true(rows.some((r) => r.RepositoryName === 'images/debian' && r.status === 'dry-run'), 'the nested repository is planned by its name inside the namespace');
    t.is(rows.filter((r) => r.status === 'dry-run').length, 485 - 98 - 20);
    t.is(s.emulator.state.actionCounts().CreateSignature, undefined, 'no CreateSignature sent');
    t.regex(done.stderr, /367 to sign, 98 to skip \(already signed\), 20 blocked/);
  });
}

test('live: every unsigned tag of a namespace with a policy signed exactly once; the results equal what the emulator holds', async (t) => {
  const s = await setup(t, { pagesFromZero: true });
  const done = await s.sign(['--registry-id', 'tcr-world02', '--yes', '--out', 'signed.csv']);
  t.is(done.code, 0, done.stderr);
  const rows = await readCsv(join(s.dir, 'signed.csv'));
  t.is(rows.length, 140);
  const now = held(s.emulator);
  for (const row of rows) t.is(now.get(keyOf(row)), true, `${keyOf(row)} is signed in the emulator`);
  const signed = rows.filter((r) => r.status === 'signed');
  t.is(signed.length, 140 - 43);
  t.true(signed.every((r) => r.RequestId !== '' && Number(r.attempts) >= 1), 'each signed tag has the RequestId of the attempt that signed it');
  const counts = Object.values(s.emulator.state.successfulSignatures());
  t.is(counts.length, signed.length);
  t.true(counts.every((n) => n === 1), 'no tag signed twice');
  t.regex(done.stderr, /Signatures cannot be deleted/);
});

test('batch, then sign-images --from its results: the images of the namespace the batch created are signed; rollback of the signing results changes nothing', async (t) => {
  const s = await setup(t);
  const csv = 'RegistryId,NamespaceName,Name,KmsId,KmsRegion,Region\ntcr-world01,tools,tools-signing,a1b2c3d4-0000-4000-8000-000000000001,ap-guangzhou,ap-guangzhou\n';
  await (await import('node:fs/promises')).writeFile(join(s.dir, 'tools.csv'), csv);
  const env = cliEnv(s.dir);
  const batch = await runCli(t, ['batch', 'tools.csv', '--endpoint', s.emulator.url, '--yes', '--no-tui', '--out', 'policies.csv'], { cwd: s.dir, env });
  t.is(batch.code, 0, batch.stderr);
  t.regex(batch.stderr, /Images already in 1 namespace are not signed yet/);
  // The exact command the batch printed, run as printed (with --yes and an export added).
  const printed = /Sign them: tcr-sigpolicy (sign-images .*)$/m.exec(batch.stderr)?.[1] ?? '';
  t.is(printed, `sign-images --from policies.csv --endpoint ${s.emulator.url}`);
  const signing = await runCli(t, [...printed.split(' '), '--yes', '--no-tui', '--out', 'signed.csv'], { cwd: s.dir, env });
  t.is(signing.code, 0, signing.stderr);
  const rows = await readCsv(join(s.dir, 'signed.csv'));
  t.is(rows.length, 20, 'only the namespace the batch created');
  t.true(rows.every((r) => r.NamespaceName === 'tools' && r.status === 'signed'));
  t.deepEqual(s.emulator.state.images('tcr-world01').find((r) => r.RepositoryName === 'ci')?.unsigned, []);
  const policies = s.emulator.state.policies().length;
  const rollback = await runCli(t, ['rollback', 'signed.csv', '--endpoint', s.emulator.url, '--yes', '--no-tui'], { cwd: s.dir, env });
  t.is(rollback.code, 0, rollback.stderr);
  t.regex(rollback.stderr, /signatures cannot be deleted through the API, so rollback changes nothing/);
  t.is(s.emulator.state.policies().length, policies);
  t.is(s.emulator.state.actionCounts().DeleteSignaturePolicy, undefined);
  t.deepEqual(s.emulator.state.images('tcr-world01').find((r) => r.RepositoryName === 'ci')?.unsigned, []);
});

test('bad input: no scope, --from a file that names no namespace: exit 2, nothing sent, no stack', async (t) => {
  const s = await setup(t);
  const none = await s.sign([]);
  t.is(none.code, 2);
  t.regex(none.stderr, /--registry-id ID\[,ID…\], --all-registries, or --from RESULTS/);
  await (await import('node:fs/promises')).writeFile(join(s.dir, 'empty.jsonl'), '');
  const from = await s.sign(['--from', 'empty.jsonl', '--dry-run']);
  t.is(from.code, 2, from.stderr);
  for (const run of [none, from]) t.notRegex(run.stderr, /\n\s+at /, 'no stack trace');
  t.deepEqual(Object.keys(s.emulator.state.actionCounts()).filter((a) => a === 'CreateSignature'), []);
});

test('--out is guarded as for batch: an existing file needs --force, and the --from file is never overwritten: exit 2, nothing sent', async (t) => {
  const s = await setup(t);
  const { writeFile } = await import('node:fs/promises');
  await writeFile(join(s.dir, 'kept.csv'), 'precious\n');
  const exists = await s.sign(['--registry-id', 'tcr-world01', '--yes', '--out', 'kept.csv']);
  t.is(exists.code, 2, exists.stderr);
  t.regex(exists.stderr, /--force/);
  t.is(await readFile(join(s.dir, 'kept.csv'), 'utf8'), 'precious\n');
  await writeFile(join(s.dir, 'from.csv'), 'line,Region,RegistryId,NamespaceName,status\n2,ap-guangzhou,tcr-world01,ci,created\n');
  const onFrom = await s.sign(['--from', 'from.csv', '--yes', '--out', 'from.csv', '--force']);
  t.is(onFrom.code, 2, onFrom.stderr);
  t.regex(onFrom.stderr, /--from file/);
  t.is(s.emulator.state.actionCounts().CreateSignature, undefined, 'nothing sent');
});

test('status --images --json after signing: every namespace\'s figures equal what the emulator holds', async (t) => {
  const s = await setup(t);
  const signing = await s.sign(['--registry-id', 'tcr-world01', '--namespace', 'web', '--yes']);
  t.is(signing.code, 0, signing.stderr);
  const status = await runCli(t, ['status', '--images', '--json', '--endpoint', s.emulator.url], { cwd: s.dir, env: cliEnv(s.dir) });
  t.is(status.code, 0, status.stderr);
  const reported = status.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const policies = new Set(s.emulator.state.policies().map((p) => `${p.RegistryId}/${p.NamespaceName}`));
  const expected = s.emulator.state.namespaces().map((ns) => {
    const repos = s.emulator.state.images(ns.RegistryId).filter((r) => r.NamespaceName === ns.Name);
    const signedImages = repos.reduce((n, r) => n + r.signed.length, 0);
    const unsignedImages = repos.reduce((n, r) => n + r.unsigned.length, 0);
    return { RegistryId: ns.RegistryId, NamespaceName: ns.Name, signing: policies.has(`${ns.RegistryId}/${ns.Name}`), repositories: repos.length, images: signedImages + unsignedImages, signedImages, unsignedImages };
  });
  const byKey = (list: readonly Record<string, unknown>[]) => [...list].sort((a, b) => `${String(a.RegistryId)}/${String(a.NamespaceName)}`.localeCompare(`${String(b.RegistryId)}/${String(b.NamespaceName)}`));
  t.deepEqual(byKey(reported), byKey(expected));
  t.like(reported.find((r) => r.NamespaceName === 'web'), { signedImages: 45, unsignedImages: 0 });
});
