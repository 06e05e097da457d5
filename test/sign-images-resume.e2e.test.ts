// `sign-images --resume` run as a user would: the built CLI, the real SDK over HTTP, the emulator with
// the images world (2 registries, 6 namespaces, one without a policy, 485 tags) answering in 60 ± 60 ms.
// A live run is killed with SIGKILL after 80 tags are signed, then resumed from the journal it named.
import test, { type ExecutionContext } from 'ava';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliEnv, runCli, spawnCli, startKitEmulator, tempDir, waitFor } from './helpers/engine-kit.js';
import { createSignatures, held, keyOf, lastRecords, readCsv, signaturesSentTo, SLOW, WORLD } from './helpers/images-kit.js';

async function setup(t: ExecutionContext) {
  const dir = await tempDir(t, 'tcr-images-resume-');
  const emulator = await startKitEmulator(t, { seed: WORLD, ...SLOW });
  const args = ['sign-images', '--all-registries', '--endpoint', emulator.url, '--no-tui', '--yes', '--out', 'signed.csv'];
  return { dir, emulator, args, env: cliEnv(dir) };
}

test('kill -9 after 80 tags, then --resume from the journal it named: every unsigned tag signed exactly once, the results record each as signed and equal the emulator', async (t) => {
  const { dir, emulator, args, env } = await setup(t);
  const before = held(emulator);
  const live = spawnCli(t, args, { cwd: dir, env });
  const named = await waitFor(() => /^Journal: (.+)$/m.exec(live.stderr())?.[1], 'the run to name its journal');
  const journal = join(dir, named);
  await waitFor(() => {
    if (live.child.exitCode !== null) throw new Error(`the run ended before it was killed: ${live.stderr()}`);
    return Object.keys(emulator.state.successfulSignatures()).length >= 80;
  }, '80 tags signed', { timeoutMs: 60_000, intervalMs: 5 });
  live.child.kill('SIGKILL');
  t.is((await live.exit).signal, 'SIGKILL');
  const atKill = lastRecords(journal);
  const inFlight = [...atKill.values()].filter((r) => r.kind === 'intent').length;
  t.log(`at the kill: ${Object.keys(emulator.state.successfulSignatures()).length} signed in the emulator, ${inFlight} tags in flight (intent last) in the journal`);

  const resumed = await runCli(t, [...args, '--resume', named], { cwd: dir, env });
  t.is(resumed.code, 1, resumed.stderr); // the namespace without a policy stays blocked (`invalid`): exit 1, as for batch
  t.regex(resumed.stderr, /Resuming from .*: \d+ signed by earlier runs/);
  const rows = await readCsv(join(dir, 'signed.csv'));
  t.is(rows.length, 485, 'the resumed results describe the whole run: every tag in scope');
  const unsignedBefore = [...before].filter(([key, signed]) => !signed && !key.includes('/tools/')).map(([key]) => key).sort();
  t.is(unsignedBefore.length, 367);
  t.deepEqual(rows.filter((r) => r.status === 'signed').map(keyOf).sort(), unsignedBefore, 'every tag unsigned before is recorded as signed');
  t.deepEqual(rows.filter((r) => r.status === 'invalid').map((r) => r.NamespaceName), Array(20).fill('tools'));
  t.is(rows.filter((r) => r.status === 'skipped').length, 98);
  // Exactly once: the emulator's count per tag, the kill and the resume together.
  const counts = emulator.state.successfulSignatures();
  t.deepEqual(Object.keys(counts).sort(), unsignedBefore);
  t.deepEqual(Object.entries(counts).filter(([, n]) => n !== 1), [], 'no tag signed twice');
  t.is(signaturesSentTo(emulator, 'tools'), 0, 'nothing sent for the namespace without a policy');
  const refused = Object.keys(emulator.state.actionCounts().CreateSignature?.outcomes ?? {}).filter((o) => o !== 'ok' && !o.startsWith('RequestLimitExceeded'));
  t.deepEqual(refused, [], 'every CreateSignature answered ok (or throttled and retried): none went to a namespace without a policy');
  // The tags the killed run had recorded as signed keep that run's RequestIds.
  for (const [key, record] of atKill) {
    if (record.status !== 'signed') continue;
    const row = rows.find((r) => keyOf(r) === key);
    if (row?.RequestId !== record.RequestId) t.fail(`${key}: ${row?.RequestId} in the resumed results, ${record.RequestId} in the killed run's journal`);
  }
  // A tag in flight at the kill was settled by reading its KmsSignature: signed by that attempt (said so), or read unsigned and sent once.
  for (const [key, record] of atKill) {
    if (record.kind !== 'intent') continue;
    const row = rows.find((r) => keyOf(r) === key);
    t.true(row?.status === 'signed' && (/KmsSignature, read now, is set/.test(row.ErrorMessage ?? '') || row.RequestId !== ''), `${key}: ${JSON.stringify(row)}`);
  }
  // The results equal what the emulator holds.
  const now = held(emulator);
  const disagree = rows.filter((r) => now.get(keyOf(r)) !== (r.status === 'signed' || r.status === 'skipped')).map((r) => `${keyOf(r)}: ${r.status}`);
  t.deepEqual(disagree, []);
});

test('--resume refuses an empty file and a batch\'s policy journal: exit 2, a message saying why, nothing sent', async (t) => {
  const { dir, emulator, env } = await setup(t);
  writeFileSync(join(dir, 'empty.jsonl'), '');
  const sign = (extra: readonly string[]) => runCli(t, ['sign-images', '--registry-id', 'tcr-world01', '--endpoint', emulator.url, '--no-tui', '--yes', ...extra], { cwd: dir, env });
  const empty = await sign(['--resume', 'empty.jsonl']);
  t.is(empty.code, 2, empty.stderr);
  t.regex(empty.stderr, /empty\.jsonl.*empty/);

  writeFileSync(join(dir, 'tools.csv'), 'RegistryId,NamespaceName,Name,KmsId,KmsRegion,Region\ntcr-world01,tools,tools-signing,a1b2c3d4-0000-4000-8000-000000000001,ap-guangzhou,ap-guangzhou\n');
  const batch = await runCli(t, ['batch', 'tools.csv', '--endpoint', emulator.url, '--yes', '--no-tui'], { cwd: dir, env });
  t.is(batch.code, 0, batch.stderr);
  const policyJournal = /^Journal: +(.+)$/m.exec(batch.stderr)?.[1] ?? '';
  t.regex(policyJournal, /\.journal\.jsonl$/);
  for (const extra of [[], ['--force']]) {
    const foreign = await sign(['--resume', policyJournal, ...extra]);
    t.is(foreign.code, 2, foreign.stderr);
    t.regex(foreign.stderr, /is not a result or journal record/);
  }
  for (const run of [empty]) t.notRegex(run.stderr, /\n\s+at /, 'no stack trace');
  t.is(createSignatures(emulator), 0, 'nothing sent');
});

test('--resume from the same scope\'s results export carries every tag as it was, nothing sent again; another scope\'s journal is refused (exit 2, nothing sent); --force uses it', async (t) => {
  const { dir, emulator, env } = await setup(t);
  const sign = (extra: readonly string[]) => runCli(t, ['sign-images', '--registry-id', 'tcr-world01', '--endpoint', emulator.url, '--no-tui', '--yes', ...extra], { cwd: dir, env });
  const web = await sign(['--namespace', 'web', '--out', 'web.csv']);
  t.is(web.code, 0, web.stderr);
  const journal = /^Journal: +(.+)$/m.exec(web.stderr)?.[1] ?? '';
  const sent = createSignatures(emulator);
  // The same scope from its results export: every tag carried as it was (its RequestId kept), nothing sent again.
  const again = await sign(['--namespace', 'web', '--resume', 'web.csv', '--out', 'again.csv']);
  t.is(again.code, 0, again.stderr);
  t.is(createSignatures(emulator), sent, 'nothing sent again');
  const [before, after] = [await readCsv(join(dir, 'web.csv')), await readCsv(join(dir, 'again.csv'))];
  t.deepEqual(after.map((r) => [keyOf(r), r.status, r.RequestId]), before.map((r) => [keyOf(r), r.status, r.RequestId]));
  const other = await sign(['--namespace', 'apps', '--repository', 'images/*', '--resume', journal]);
  t.is(other.code, 2, other.stderr);
  t.regex(other.stderr, /another scope/);
  t.is(createSignatures(emulator), sent, 'nothing sent');
  const forced = await sign(['--namespace', 'apps', '--repository', 'images/*', '--resume', journal, '--force']);
  t.is(forced.code, 0, forced.stderr);
  t.deepEqual(emulator.state.images('tcr-world01').find((r) => r.RepositoryName === 'images/debian')?.unsigned, [], 'the tags of this scope signed');
});

test('SIGTERM mid-run: exit 130, every tag\'s result exported, the Resume line; the printed command, run as printed, finishes the run with each tag signed once', async (t) => {
  const { dir, emulator, args, env } = await setup(t);
  const live = spawnCli(t, args, { cwd: dir, env });
  await waitFor(() => Object.keys(emulator.state.successfulSignatures()).length >= 30, '30 tags signed', { timeoutMs: 60_000, intervalMs: 5 });
  live.child.kill('SIGTERM');
  const stopped = await live.exit;
  t.is(stopped.code, 130, stopped.stderr);
  const first = await readCsv(join(dir, 'signed.csv'));
  t.is(first.length, 485, 'the export holds every tag, written on the way out');
  t.true(first.some((r) => r.status === 'not-sent'));
  t.regex(stopped.stderr, /^Journal: +\S+\.journal\.jsonl$/m);
  const printed = /^Resume: +tcr-sigpolicy (sign-images .*)$/m.exec(stopped.stderr)?.[1] ?? '';
  t.regex(printed, /--resume \S+\.journal\.jsonl --force$/);
  const resumed = await runCli(t, printed.split(' '), { cwd: dir, env });
  t.is(resumed.code, 1, resumed.stderr); // the blocked namespace
  const rows = await readCsv(join(dir, 'signed.csv'));
  t.is(rows.filter((r) => r.status === 'signed').length, 367);
  for (const r of first.filter((x) => x.status === 'signed')) t.is(rows.find((x) => keyOf(x) === keyOf(r))?.RequestId, r.RequestId, 'the stopped run\'s RequestIds kept');
  t.deepEqual(Object.values(emulator.state.successfulSignatures()).filter((n) => n !== 1), []);
  t.is(Object.keys(emulator.state.successfulSignatures()).length, 367);
});
