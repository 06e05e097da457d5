// One record per signing batch, run as a user would: the built CLI, the real SDK over HTTP, the emulator
// with the images world (485 tags, 367 of them unsigned in namespaces with a policy) answering in 60 ± 60 ms.
// Whatever chain of kills, resumes and re-runs, every tag is signed once and the last results call each
// tag the batch signed `signed`, with the RequestId the emulator answered, never `skipped`.
import test, { type ExecutionContext } from 'ava';
import { join } from 'node:path';
import type { EmulatorHandle } from '../src/emulator/index.js';
import { cliEnv, runCli, spawnCli, startKitEmulator, tempDir, waitFor } from './helpers/engine-kit.js';
import { createSignatures, held, issuedRequestIds, keyOf, lastRecords, readCsv, SLOW, WORLD, type Row } from './helpers/images-kit.js';

async function setup(t: ExecutionContext) {
  const dir = await tempDir(t, 'tcr-images-record-');
  const emulator = await startKitEmulator(t, { seed: WORLD, ...SLOW });
  const args = ['sign-images', '--all-registries', '--endpoint', emulator.url, '--no-tui', '--yes', '--out', 'signed.csv'];
  return { dir, emulator, args, env: cliEnv(dir), unsignedBefore: [...held(emulator)].filter(([key, signed]) => !signed && !key.includes('/tools/')).map(([key]) => key).sort() };
}

/** Run A, killed with SIGKILL once 80 tags are signed: returns its journal and the tags it had in flight. */
async function killedRun(t: ExecutionContext, s: Awaited<ReturnType<typeof setup>>): Promise<{ journal: string; inFlight: Set<string> }> {
  const live = spawnCli(t, s.args, { cwd: s.dir, env: s.env });
  const named = await waitFor(() => /^Journal: (.+)$/m.exec(live.stderr())?.[1], 'the run to name its journal');
  await waitFor(() => {
    if (live.child.exitCode !== null) throw new Error(`the run ended before it was killed: ${live.stderr()}`);
    return Object.keys(s.emulator.state.successfulSignatures()).length >= 80;
  }, '80 tags signed', { timeoutMs: 60_000, intervalMs: 5 });
  live.child.kill('SIGKILL');
  t.is((await live.exit).signal, 'SIGKILL');
  const inFlight = new Set([...lastRecords(join(s.dir, named))].filter(([, r]) => r.kind === 'intent').map(([key]) => key));
  t.log(`at the kill: ${Object.keys(s.emulator.state.successfulSignatures()).length} signed in the emulator, ${inFlight.size} tags in flight in A's journal`);
  return { journal: named, inFlight };
}

/**
 * The last results against the emulator: every tag unsigned before signed exactly once; each recorded
 * `signed`, with the RequestId the emulator answered it (or, for a tag in flight at the kill whose answer
 * was lost, the note that its KmsSignature was read set); none of the batch's `skipped`; results equal its state.
 */
function assertOneRecord(t: ExecutionContext, emulator: EmulatorHandle, rows: readonly Row[], unsignedBefore: readonly string[], inFlight: ReadonlySet<string>): void {
  t.is(rows.length, 485, 'the results describe the whole run');
  const counts = emulator.state.successfulSignatures();
  t.deepEqual(Object.keys(counts).sort(), unsignedBefore, 'every unsigned tag signed');
  t.deepEqual(Object.entries(counts).filter(([, n]) => n !== 1), [], 'no tag signed twice');
  t.deepEqual(rows.filter((r) => r.status === 'signed').map(keyOf).sort(), unsignedBefore, 'every tag the batch signed is recorded signed');
  t.is(rows.filter((r) => r.status === 'skipped').length, 98, 'only the tags signed before the batch are skipped');
  const issued = issuedRequestIds(emulator);
  const wrong = rows.filter((r) => r.status === 'signed').filter((r) => {
    if (r.RequestId) return r.RequestId !== issued.get(keyOf(r));
    return !(inFlight.has(keyOf(r)) && /KmsSignature, read now, is set/.test(r.ErrorMessage ?? ''));
  });
  t.deepEqual(wrong.map((r) => `${keyOf(r)}: ${r.RequestId || '(none)'} ${r.ErrorMessage}; issued ${issued.get(keyOf(r))}`), []);
  const now = held(emulator);
  t.deepEqual(rows.filter((r) => now.get(keyOf(r)) !== (r.status === 'signed' || r.status === 'skipped')).map((r) => `${keyOf(r)}: ${r.status}`), [], 'the results equal the emulator');
}

test('kill -9 run A, run B --resume A finishes, then --resume A again: the later run\'s tags stay signed with its RequestIds, nothing sent again', async (t) => {
  const s = await setup(t);
  const { journal, inFlight } = await killedRun(t, s);
  const b = await runCli(t, [...s.args, '--resume', journal], { cwd: s.dir, env: s.env });
  t.is(b.code, 1, b.stderr); // the namespace without a policy stays blocked
  const afterB = await readCsv(join(s.dir, 'signed.csv'));
  const sent = createSignatures(s.emulator);

  const c = await runCli(t, [...s.args, '--resume', journal, '--force'], { cwd: s.dir, env: s.env });
  t.is(c.code, 1, c.stderr);
  t.regex(c.stderr, /1 later run of this batch left journals after .*: their records are read too/);
  t.is(createSignatures(s.emulator), sent, 'nothing the later run signed is sent again');
  const rows = await readCsv(join(s.dir, 'signed.csv'));
  t.deepEqual(rows.map((r) => [keyOf(r), r.status, r.RequestId]), afterB.map((r) => [keyOf(r), r.status, r.RequestId]), 'the same record as B\'s');
  assertOneRecord(t, s.emulator, rows, s.unsignedBefore, inFlight);
});

test('kill -9 run A, then the same command re-run with --force on the same --out (twice): the earlier runs\' tags stay signed with their RequestIds', async (t) => {
  const s = await setup(t);
  const { inFlight } = await killedRun(t, s);
  const b = await runCli(t, [...s.args, '--force'], { cwd: s.dir, env: s.env });
  t.is(b.code, 1, b.stderr);
  t.regex(b.stderr, /Found the record of 1 earlier run of this scope in .*: the tags they signed stay signed/);
  assertOneRecord(t, s.emulator, await readCsv(join(s.dir, 'signed.csv')), s.unsignedBefore, inFlight);
  const sent = createSignatures(s.emulator);

  const c = await runCli(t, [...s.args, '--force'], { cwd: s.dir, env: s.env });
  t.is(c.code, 1, c.stderr);
  t.regex(c.stderr, /Found the record of 2 earlier runs/);
  t.is(createSignatures(s.emulator), sent, 'nothing sent: every tag is signed');
  const rows = await readCsv(join(s.dir, 'signed.csv'));
  t.true(rows.filter((r) => r.status === 'signed').every((r) => /earlier run/.test(r.ErrorMessage ?? '')), 'each says an earlier run signed it');
  assertOneRecord(t, s.emulator, rows, s.unsignedBefore, inFlight);
});
