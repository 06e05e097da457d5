// Every example in README.md, docs/*.md and every --help runs as written against a started emulator.
import test, { type ExecutionContext } from 'ava';
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from '../src/cli/command-specs.js';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../src/emulator/index.js';
import { helpSteps, markdownSteps, type Step } from './doc-examples.js';
import { startTestEmulator } from './helpers/emulator-kit.js';
import { CLI, cleanHome, ROOT, runCli } from './helpers/run-cli.js';

/** The port the docs name for `tcr-sigpolicy emulator`; the test's emulator listens on a free one instead. */
const DOC_PORT = '127.0.0.1:9500';
const API_COMMAND = /\btcr-sigpolicy (batch|create|discover|rollback|status|sign-images)\b/;

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `fixtures`: copy the clone's fixtures in (the docs are read in the clone); --help must work without them. */
async function runSession(t: ExecutionContext, steps: readonly Step[], where: string, fixtures = true): Promise<void> {
  const emulator = await startTestEmulator();
  t.teardown(() => emulator.close());
  const dir = mkdtempSync(join(tmpdir(), 'tcr-examples-'));
  // `tcr-sigpolicy` on PATH is the built CLI; the fixtures the docs name are copied in.
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'tcr-sigpolicy'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'tcr-sigpolicy'), 0o755);
  if (fixtures) cpSync(join(ROOT, 'fixtures'), join(dir, 'fixtures'), { recursive: true });
  const base = { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: cleanHome(), NO_COLOR: '1', CI: 'false' };
  const demo = { ...base, TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID, TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY };
  let ran = 0;
  for (const step of steps) {
    if (step.kind === 'file') {
      writeFileSync(join(dir, step.name), step.text);
      continue;
    }
    const what = `${step.where ?? where}:${step.line}: $ ${step.command}`;
    // The emulator is the one this test started (on a free port: 9500 may be taken on a shared machine).
    if (/\btcr-sigpolicy emulator\b(?!.*--help)/.test(step.command)) continue;
    const command = step.command.replaceAll(DOC_PORT, `127.0.0.1:${emulator.port}`);
    const api = API_COMMAND.test(command) && !command.includes('--help');
    if (api && !command.includes('--endpoint') && !command.includes('--dry-run')) {
      t.fail(`${what}\nsends to the public API; give the example --endpoint http://${DOC_PORT} (the emulator), or mark its block <!-- not run: … -->`);
      continue;
    }
    // With --endpoint, the emulator's printed demo pair; an offline example runs without credentials.
    const r = await sh(command, dir, command.includes('--endpoint') ? demo : base);
    ran += 1;
    const output = `\nexit ${r.code}\nstdout:\n${r.stdout.slice(0, 3000)}\nstderr:\n${r.stderr.slice(0, 3000)}`;
    if (!/\btcr-sigpolicy\b/.test(command)) continue;
    t.false(/hit a bug|at .*\(.*\.js:\d+/.test(r.stderr), `${what}: a stack trace${output}`);
    const stale = staleLines(step.shown ?? [], `${r.stdout}\n${r.stderr}`, emulator.port);
    t.deepEqual(stale, [], `${what}: the doc shows lines this run does not print${output}`);
    if (step.expectCode !== undefined) t.is(r.code, step.expectCode, `${what}: the doc says exit ${step.expectCode}${output}`);
    else t.true(r.code === 0 || r.code === 1, `${what}: exit ${r.code}${output}`);
  }
  t.true(ran > 0 || steps.length === 0, `${where}: no example ran`);
}

/** What varies from run to run, made the same on both sides: times, ids, the port, journal names. */
function normalised(line: string, port: number): string {
  return line
    .replaceAll(`127.0.0.1:${port}`, DOC_PORT)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID')
    .replace(/\d{8}T\d{6}Z-[0-9a-f]{6}/g, 'STAMP')
    .replace(/\b\d+(\.\d+)?(ms|s)\b|\b\d+m\d{2}s\b/g, 'TIME')
    .trimEnd();
}

/**
 * The lines a doc shows as a command's output that the command no longer prints. A line with `…`
 * is shortened on purpose, and `(…)` or `#` lines are the doc's own remarks: neither is compared.
 */
function staleLines(shown: readonly string[], actual: string, port: number): string[] {
  const printed = new Set(actual.split('\n').map((l) => normalised(l, port)));
  return shown.filter((line) => !line.includes('…') && !/^\(.*\)\.?$/.test(line.trim()) && !line.startsWith('#') && !printed.has(normalised(line, port)));
}

const docs = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
for (const doc of docs) {
  const steps = markdownSteps(readFileSync(join(ROOT, doc), 'utf8'));
  if (!steps.some((s) => s.kind === 'run')) continue;
  test(`the examples of ${doc} run as written against the emulator`, (t) => runSession(t, steps, doc));
}

// The help's examples, in the order of the top-level command list, in one directory and against one
// emulator: as a user trying them one after another would (batch's results are what rollback undoes).
test('the examples of every --help run as written against the emulator, outside the clone', async (t) => {
  const outside = mkdtempSync(join(tmpdir(), 'tcr-help-'));
  const steps: Step[] = [];
  for (const command of ['', ...COMMANDS.map((c) => c.name)]) {
    // Read from a folder outside the clone, as a user who installed the package would.
    const help = await runCli(command ? [command, '--help'] : ['--help'], { cwd: outside });
    t.is(help.code, 0, help.stderr);
    const found = helpSteps(help.stdout);
    t.true(found.length > 0, `no EXAMPLES in \`${command} --help\`:\n${help.stdout}`);
    steps.push(...found.map((s) => ({ ...s, where: `${command || 'tcr-sigpolicy'} --help` })));
  }
  t.true(steps.some((s) => s.kind === 'run' && s.command.includes(' /') && s.command.includes('fixtures/sample.csv')), 'the sample is named by its installed path');
  await runSession(t, steps, 'help', false);
});

// The commands the tool prints are examples too: pasted as printed, they act where the run did.
test('the Roll back line a batch prints, pasted as printed, deletes there and only there', async (t) => {
  const [shanghai, others] = await Promise.all([startTestEmulator(), startTestEmulator()]);
  t.teardown(() => Promise.all([shanghai.close(), others.close()]));
  const before = [shanghai.state.policies(), others.state.policies()];
  const dir = mkdtempSync(join(tmpdir(), 'tcr-printed-'));
  cpSync(join(ROOT, 'fixtures'), join(dir, 'fixtures'), { recursive: true });
  // Credentials from a tccli profile, so a pasted line without --profile could not even sign.
  const home = mkdtempSync(join(tmpdir(), 'tcr-printed-home-'));
  mkdirSync(join(home, '.tccli'));
  writeFileSync(join(home, '.tccli', 'rehearsal.credential'), JSON.stringify({ secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY }));
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'tcr-sigpolicy'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'tcr-sigpolicy'), 0o755);
  const env = { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: home, NO_COLOR: '1', CI: 'false' };
  const endpoints = `--endpoint ap-shanghai=http://127.0.0.1:${shanghai.port} --endpoint http://127.0.0.1:${others.port}`;
  const batch = await sh(`tcr-sigpolicy batch fixtures/sample.csv ${endpoints} --profile rehearsal --yes --no-tui --out results.csv`, dir, env);
  t.true(batch.code === 0 || batch.code === 1, batch.stderr);
  const created = [shanghai.state.policies().length - (before[0]?.length ?? 0), others.state.policies().length - (before[1]?.length ?? 0)];
  t.true(created.every((n) => n > 0), `the batch created on both endpoints: ${created.join(', ')}`);
  const printed = /^Roll back: (tcr-sigpolicy rollback .*?) {3}\(deletes the (\d+) created\)$/m.exec(batch.stderr);
  t.truthy(printed, batch.stderr);
  const [, line = '', n = ''] = printed ?? [];
  t.is(Number(n), created[0]! + created[1]!);

  // Without the run's endpoints the rollback would go to the public API: refused, nothing deleted.
  const bare = await sh('tcr-sigpolicy rollback results.csv --profile rehearsal --yes --no-tui', dir, env);
  t.is(bare.code, 2, bare.stderr);
  t.regex(bare.stderr, /results\.csv was made against http:\/\/127\.0\.0\.1:\d+, but this rollback would delete on https:\/\/tcr\.tencentcloudapi\.com/);
  t.true(bare.stderr.includes(`tcr-sigpolicy rollback results.csv ${endpoints}`), bare.stderr);

  // A dry run deletes nothing, so it only warns.
  const preview = await sh('tcr-sigpolicy rollback results.csv --profile rehearsal --dry-run', dir, env);
  t.is(preview.code, 0, preview.stderr);
  t.regex(preview.stderr, /warning: results\.csv was made against .*; a live rollback would refuse/);

  const pasted = await sh(`${line} --yes --no-tui`, dir, env);
  t.is(pasted.code, 0, `${line}\n${pasted.stderr}`);
  t.deepEqual(shanghai.state.policies(), before[0], 'the Shanghai rows deleted on the Shanghai endpoint');
  t.deepEqual(others.state.policies(), before[1], 'the other rows deleted on the other endpoint');
  // Each emulator deleted exactly what it held (a throttled attempt, retried, may show beside them).
  t.is(shanghai.state.actionCounts()['DeleteSignaturePolicy']?.outcomes['ok'], created[0], 'no delete went to the wrong place');
  t.is(others.state.actionCounts()['DeleteSignaturePolicy']?.outcomes['ok'], created[1]);
});
