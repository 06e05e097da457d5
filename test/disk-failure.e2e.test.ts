// F6 of issue 20: a full or vanished disk is told as it is. The disk is a small tmpfs the test mounts
// (and unmounts), never the machine's own; the folder is one the test deletes mid-run.
import test, { type ExecutionContext } from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { disagreements } from './helpers/agreement.js';
import {
  cliEnv, journalsIn, keyOf, makeDataset, newPolicies, readJsonLines, runCli, spawnCli, startKitEmulator, tempDir, waitFor, writeCsv,
  type ExportedResult,
} from './helpers/engine-kit.js';

/** A 64 KiB tmpfs inside `dir`, unmounted when the test ends. */
function smallDisk(t: ExecutionContext, dir: string): string {
  const mnt = join(dir, 'small');
  mkdirSync(mnt);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]);
  t.teardown(() => execFileSync('umount', ['-l', mnt]));
  return mnt;
}

/** The row-done events of a --json run, by status. */
function finishedRows(stdout: string): { status: string; ErrorCode: string }[] {
  return stdout.split('\n').filter((l) => l.includes('"type":"row-done"')).map((l) => (JSON.parse(l) as { result: { status: string; ErrorCode: string } }).result);
}

test('F6: the disk fills mid-run: never-sent rows are not-sent, no empty results file, the closing lines say which file holds what', async (t) => {
  const dataset = makeDataset(120);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed });
  const mnt = smallDisk(t, dir);
  writeFileSync(join(mnt, 'filler'), Buffer.alloc(40 * 1024)); // room for a few dozen journal lines
  const out = join(mnt, 'results.jsonl');
  const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--json', '--out', out], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1, run.stderr);
  const rows = finishedRows(run.stdout);
  t.is(rows.length, dataset.rows.length, 'every row has its one result');
  t.true(rows.some((r) => r.status === 'not-sent'), 'rows after the journal failed are not-sent');
  t.deepEqual(rows.filter((r) => r.ErrorCode === 'InternalToolError'), [], 'never failed InternalToolError');
  t.regex(run.stdout, /"type":"stopping","reason":"journal-failed"/);
  t.regex(run.stderr, /could not be written to [^\n]*results\.jsonl/);
  t.notRegex(run.stderr, /Every row's result is in the journal/);
  t.regex(run.stderr, /Journal: +[^\n]*\(incomplete: writing it failed/);
  t.regex(run.stderr, /No file holds the outcome: the \d+ rows that reached the API are listed here/);
  t.false(existsSync(out), 'no empty or half-written results file');
  t.deepEqual(readdirSync(mnt).filter((name) => name !== 'filler' && !name.endsWith('.journal.jsonl')), [], 'nothing else left on the disk');
  const resume = /Resume: +([^\n]*)/.exec(run.stderr)?.[1] ?? '';
  t.regex(resume, /--resume /);
  t.notRegex(resume, /--out/, 'the resume line does not point --out back at the full disk');
  t.regex(run.stderr, /--out is left out/);

  // Room again: the incomplete journal holds an intent for every request sent, so resuming from it settles the batch.
  rmSync(join(mnt, 'filler'));
  const [journal] = journalsIn(mnt);
  const resumed = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--resume', journal as string, '--out', join(dir, 'last.jsonl')], { cwd: dir, env: cliEnv(dir) });
  t.is(resumed.code, 1, resumed.stderr); // the rows the plan blocks stay invalid
  const results = readJsonLines<ExportedResult>(join(dir, 'last.jsonl'));
  t.deepEqual(results.filter((r) => r.status === 'created').map(keyOf).sort(), dataset.rows.filter((r) => r.kind === 'ok').map(keyOf).sort());
  t.deepEqual(disagreements(emulator, dataset.seed, results), []);
  const rollback = await runCli(t, ['rollback', 'last.jsonl', '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'rollback.jsonl'], { cwd: dir, env: cliEnv(dir) });
  t.is(rollback.code, 0, rollback.stderr);
  t.deepEqual(emulator.state.policies().map(keyOf).sort(), (dataset.seed.policies ?? []).map(keyOf).sort());
});

test('F6: the folder is deleted mid-run: no message names the deleted journal, and what was sent is listed on stderr', async (t) => {
  const dataset = makeDataset(40);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed, latencyMs: 200, faultActions: ['CreateSignaturePolicy'] });
  const sub = join(dir, 'sub');
  mkdirSync(sub);
  const cli = spawnCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--rate', '10', '--out', join(sub, 'results.jsonl')], { cwd: dir, env: cliEnv(dir) });
  await waitFor(() => existsSync(sub) && journalsIn(sub).length === 1 && /progress/.test(cli.stderr()), 'the run to be sending');
  const journal = journalsIn(sub)[0] as string;
  rmSync(sub, { recursive: true });
  const run = await cli.exit;
  t.is(run.code, 1, run.stderr);
  t.regex(run.stderr, /was deleted \(or its folder was\) while the run wrote it/);
  t.regex(run.stderr, /could not be written to [^\n]*results\.jsonl/);
  t.notRegex(run.stderr, /Every row's result is in the journal/);
  const closing = run.stderr.slice(run.stderr.indexOf('could not be written to'));
  t.notRegex(closing, /Journal: +/, 'the closing lines name no journal that is gone');
  t.notRegex(closing, /Resume: /, 'nothing left to resume from');
  t.true(run.stderr.includes(journal), 'the deleted journal is named where the run says it is gone');
  // With no file left, stderr is the record: its list of created rows is exactly what the emulator holds new.
  const listed = [...run.stderr.matchAll(/line +\d+ +(\S+) +created +RequestId +\S+/g)].map((m) => m[1]).sort();
  t.deepEqual(listed, newPolicies(emulator, dataset.seed).map(keyOf).sort());
  t.deepEqual(listed, dataset.rows.filter((r) => r.kind === 'ok').map(keyOf).sort());
});
