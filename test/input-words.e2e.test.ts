// The words a user meets when the input is not quite what the tool expects: a semicolon CSV from
// Excel, a results file given as the policies, half of a credential pair. Each says what to do; none
// sends anything it should not.
import test from 'ava';
import { join } from 'node:path';
import { cliEnv, readJsonLines, runCli, startKitEmulator, tempDir, writeCsv, type ExportedResult } from './helpers/engine-kit.js';

const KEY = '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3';
const HEADER = 'Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion';
const rowOf = (ns: string): string => `ap-guangzhou,tcr-ab12cd34,${ns},${ns}-signing,${KEY},ap-guangzhou`;
const semicolons = (text: string): string => text.replaceAll(',', ';');

test('a semicolon CSV saved by Excel (sep=; line, CRLF) is read and sent like a comma one', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t);
  const csv = await writeCsv(dir, `\uFEFFsep=;\r\n${semicolons(`${HEADER}\r\n${rowOf('payments')}\r\n${rowOf('checkout')}\r\n`)}`);
  const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.jsonl'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 0, run.stderr);
  const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  t.deepEqual(results.map((r) => [r.line, r.NamespaceName, r.status]), [[3, 'payments', 'created'], [4, 'checkout', 'created']]);
});

test('a results file given to batch: "this is a results file: use --resume", exit 2, nothing sent', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t);
  const csv = await writeCsv(dir, `${HEADER}\n${rowOf('payments')}\n`);
  const first = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.csv'], { cwd: dir, env: cliEnv(dir) });
  t.is(first.code, 0, first.stderr);
  const before = emulator.state.actionCounts();
  const again = await runCli(t, ['batch', 'results.csv', '--endpoint', emulator.url, '--yes', '--no-tui'], { cwd: dir, env: cliEnv(dir) });
  t.is(again.code, 2);
  t.regex(again.stderr, /^error: results\.csv is the record of an earlier run/m);
  t.regex(again.stderr, /this is a results file: use --resume .*tcr-sigpolicy batch POLICIES\.csv --resume results\.csv/);
  t.notRegex(again.stderr, /unknown column|\n\s+at /);
  t.deepEqual(emulator.state.actionCounts(), before);
});

test('only one of the SecretId/SecretKey pair set: the missing variable is named, exit 2, nothing sent', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t);
  const csv = await writeCsv(dir, `${HEADER}\n${rowOf('payments')}\n`);
  const env = cliEnv(dir);
  delete env.TENCENTCLOUD_SECRET_KEY;
  for (const args of [['--yes', '--no-tui'], ['--dry-run']]) {
    const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, ...args], { cwd: dir, env });
    t.is(run.code, 2, args.join(' '));
    t.regex(run.stderr, /^error: TENCENTCLOUD_SECRET_ID is set but TENCENTCLOUD_SECRET_KEY is not/m);
    t.regex(run.stderr, /export TENCENTCLOUD_SECRET_KEY too/);
  }
  t.deepEqual(emulator.state.actionCounts(), {});
});

test('--quiet: only the rows that need attention and the summary; no progress, no line per created row', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t);
  // The bundled seed denies Singapore's ledger: that row fails live; ghost does not exist: the plan blocks it.
  const denied = 'ap-singapore,tcr-f7g1ir99,ledger,ledger-signing,0a9b8c7d-4b7d-11ee-9c3a-525400f7a8b9,ap-singapore';
  const csv = await writeCsv(dir, `${HEADER}\n${rowOf('payments')}\n${rowOf('ghost')}\n${rowOf('checkout')}\n${denied}\n`);
  const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '-q'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1, run.stderr);
  const lines = run.stdout.trim().split('\n');
  t.is(lines.length, 1, run.stdout);
  t.regex(lines[0] ?? '', /failed +ap-singapore tcr-f7g1ir99\/ledger +UnauthorizedOperation/);
  t.regex(run.stderr, /tcr-ab12cd34\/ghost +Blocked\.NamespaceNotFound/, 'the blocked row, said once with the plan');
  t.notRegex(run.stderr, /^(progress:|Sending |Coverage now)/m);
  t.regex(run.stderr, /^Done in [\d.]+m?s: 2 created, 1 failed, 1 invalid/m);
  t.is(emulator.state.actionCounts()['CreateSignaturePolicy']?.requests, 3);
});
