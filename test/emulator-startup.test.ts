// What `tcr-sigpolicy emulator` prints at start-up, and that what it prints (and its --help example)
// works as written: pasted into another shell, the built CLI against the running emulator.
import test from 'ava';
import { get } from 'node:http';
import { run, type EmulatorCommandIo, type StopSignal } from '../src/commands/emulator.js';
import { findCommand, type CommandSpec } from '../src/cli/command-specs.js';
import { commandHelp } from '../src/cli/render-help.js';

const EMULATOR_USAGE = commandHelp(findCommand('emulator') as CommandSpec);
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../src/emulator/index.js';
import { SEEDED_POLICIES } from './helpers/emulator-kit.js';
import { ROOT, runCli } from './helpers/run-cli.js';

interface Started {
  readonly url: string;
  readonly stdout: string;
  readonly stderr: () => string;
  stop(): Promise<number>;
}

/** Runs the command in this process until its banner is out ("Stop with Ctrl-C." ends it). */
async function startCommand(argv: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const out: string[] = [];
  const err: string[] = [];
  let stop: (signal: StopSignal) => void = () => undefined;
  let bannerDone: () => void = () => undefined;
  const banner = new Promise<void>((resolve) => (bannerDone = resolve));
  const io: EmulatorCommandIo = {
    env,
    cwd: ROOT,
    stdout: (text) => {
      out.push(text);
      if (out.join('').includes('Stop with Ctrl-C.')) bannerDone();
    },
    stderr: (text) => err.push(text),
    untilStopped: () => new Promise<StopSignal>((resolve) => (stop = resolve)),
  };
  const exit = run(['--port', '0', ...argv], io);
  await Promise.race([banner, exit]);
  const stdout = out.join('');
  const url = /^TCR API emulator listening on (http:\/\/\S+)$/m.exec(stdout)?.[1] ?? '';
  return { url, stdout, stderr: () => err.join(''), stop: () => (stop('SIGTERM'), exit) };
}

/** The `export NAME=value` lines of a text, as an environment. */
function exportsOf(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^\s*export (\w+)=(\S+)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    }).on('error', reject);
  });
}

test('with the demo pair: its two export lines and a ready command that works against the bundled seed', async (t) => {
  const started = await startCommand([]);
  t.teardown(() => started.stop());
  t.deepEqual(exportsOf(started.stdout), { TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID, TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY });
  const command = /^\s*tcr-sigpolicy (batch .*)$/m.exec(started.stdout)?.[1] ?? '';
  t.is(command, `batch fixtures/sample.csv --endpoint ${started.url} --dry-run`);

  const pasted = await runCli(command.split(' '), { env: exportsOf(started.stdout) });
  t.is(pasted.code, 1, pasted.stderr); // the sample's rows that are wrong on purpose are blocked by the plan
  t.regex(pasted.stdout + pasted.stderr, /Blocked\.NamespaceNotFound/);
  t.regex(pasted.stdout + pasted.stderr, /dry-run/);
  t.true(started.stdout.includes(`curl -s ${started.url}/_emulator/state`));
});

test('with the pair from the environment: its SecretId, never a key', async (t) => {
  const started = await startCommand([], { TENCENTCLOUD_SECRET_ID: 'AKIDfromenv', TENCENTCLOUD_SECRET_KEY: 'env-secret-key' });
  t.teardown(() => started.stop());
  t.deepEqual(exportsOf(started.stdout), {});
  t.regex(started.stdout, /same TENCENTCLOUD_SECRET_ID \(AKIDfromenv\)/);
  t.false((started.stdout + started.stderr()).includes('env-secret-key'));
  t.false(started.stdout.includes(DEMO_SECRET_KEY));
});

test('the switches that are on are named at start-up', async (t) => {
  const started = await startCommand(['--offset-pages', '--rate-limit-all', '7', '--throttle-rate', '0.1']);
  t.teardown(() => started.stop());
  t.regex(started.stdout, /^Paging: DescribeNamespaces counts Offset in pages$/m);
  t.regex(started.stdout, /^Rate limit: every action at most 7 requests\/s per SecretId$/m);
  t.regex(started.stdout, /^Faults: throttle 0\.1 on CreateSignaturePolicy, DeleteSignaturePolicy$/m);
});

test('the --help examples work as written (on the port the test got)', async (t) => {
  const started = await startCommand([]);
  t.teardown(() => started.stop());
  const port = new URL(started.url).port;
  const examples = EMULATOR_USAGE.slice(EMULATOR_USAGE.indexOf('EXAMPLES'))
    .split('\n')
    .filter((line) => line.trimStart().startsWith('$ '))
    .map((line) => line.trim().slice(2).replaceAll('9500', port));
  t.is(examples.length, 3);
  const batch = examples.find((e) => e.startsWith('tcr-sigpolicy batch')) ?? '';
  const run = await runCli(batch.split(' ').slice(1), { env: exportsOf(started.stdout) });
  t.is(run.code, 1, run.stderr);
  t.regex(run.stdout + run.stderr, /Blocked\.KeyNotEnabled/, 'planned against the emulator, not offline');
  const curl = examples.find((e) => e.startsWith('curl')) ?? '';
  const stateUrl = curl.split(' ').at(-1) ?? '';
  t.is((await getJson(stateUrl)).status, 200);
});

test('GET /_emulator/state shows policies, namespaces and counts, and changes nothing', async (t) => {
  const started = await startCommand([]);
  t.teardown(() => started.stop());
  const { status, body } = await getJson(`${started.url}/_emulator/state`);
  t.is(status, 200);
  // The bundled seed: the sample's 66 namespaces, and 130 more for `status`, most of them signing.
  t.deepEqual(body['counts'], { namespaces: 196, signing: SEEDED_POLICIES, policies: SEEDED_POLICIES });
  t.like((body['policies'] as unknown[])[0], { RegistryId: 'tcr-9x8y7z6w', NamespaceName: 'catalog' });
  t.like((body['namespaces'] as unknown[])[0], { RegistryId: 'tcr-ab12cd34', Region: 'ap-guangzhou', Name: 'payments', signing: false });
  t.deepEqual(body['actionCounts'], {}, 'the view itself is not counted as an API request');
  const one = await getJson(`${started.url}/_emulator/state?RegistryId=tcr-9x8y7z6w`);
  t.deepEqual(one.body['counts'], { namespaces: 21, signing: 1, policies: 1 });
});

test('the same command with --endpoint http://localhost:PORT is planned against the emulator too', async (t) => {
  const started = await startCommand([]);
  t.teardown(() => started.stop());
  const endpoint = started.url.replace('127.0.0.1', 'localhost');
  const run = await runCli(['batch', 'fixtures/sample.csv', '--endpoint', endpoint, '--dry-run'], { env: exportsOf(started.stdout) });
  t.is(run.code, 1, run.stderr);
  t.regex(run.stdout + run.stderr, /Blocked\.KeyNotEnabled/, 'the SDK signed for service "localhost:PORT" and was answered');
  t.notRegex(run.stderr, /SignatureFailure|no preflight/);
});
