import test from 'ava';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { run, type EmulatorCommandIo, type StopSignal } from '../src/commands/emulator.js';
import { findCommand, type CommandSpec } from '../src/cli/command-specs.js';
import { commandHelp } from '../src/cli/render-help.js';

const EMULATOR_USAGE = commandHelp(findCommand('emulator') as CommandSpec);
import { UsageError } from '../src/core/errors.js';
import type { EmulatorHandle } from '../src/emulator/index.js';
import { GZ_REGISTRY, startTestEmulator, tcrClient } from './helpers/emulator-kit.js';

const LISTENING = /^TCR API emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/;

interface FakeIo extends EmulatorCommandIo {
  readonly out: string[];
  readonly err: string[];
  stop(signal: StopSignal): void;
  /** Resolves with the first stdout line once it is written. */
  readonly firstLine: Promise<string>;
}

function fakeIo(env: NodeJS.ProcessEnv = {}): FakeIo {
  const out: string[] = [];
  const err: string[] = [];
  let stop: (signal: StopSignal) => void = () => undefined;
  const stopped = new Promise<StopSignal>((resolveStop) => (stop = resolveStop));
  let lineWritten: (line: string) => void = () => undefined;
  const firstLine = new Promise<string>((resolveLine) => (lineWritten = resolveLine));
  return {
    out,
    err,
    env,
    stop: (signal) => stop(signal),
    firstLine,
    stdout: (text) => {
      out.push(text);
      lineWritten(out.join('').split('\n')[0] ?? '');
    },
    stderr: (text) => err.push(text),
    untilStopped: () => stopped,
  };
}

const badFlags: Array<[string[], RegExp]> = [
  [['--throttle-rate', '2'], /--throttle-rate must be a number from 0 to 1/],
  [['--error-rate=-0.1'], /--error-rate must be a number from 0 to 1/],
  [['--error-rate', '-0.1'], /'--error-rate' argument is ambiguous/],
  [['--drop-rate', 'lots'], /--drop-rate must be a number from 0 to 1/],
  [['--throttle-rate', '0.5', '--drop-rate', '0.6'], /add up to at most 1/],
  [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
  [['--latency-ms=-5'], /--latency-ms must be a number from 0/],
  [['--seed', ''], /--seed needs a file path/],
  [['--fault-seed', '1.5'], /--fault-seed must be a whole number/],
  [['--rate-limit-all', '0'], /--rate-limit-all must be a whole number from 1/],
  [['--fault-actions', 'CreateSignaturePolicy,Nope'], /unknown actions: Nope/],
  [['--bogus'], /bogus/],
  [['extra'], /extra/],
];
for (const [argv, message] of badFlags) {
  test(`\`emulator ${argv.join(' ')}\` is a usage error naming the problem`, async (t) => {
    await t.throwsAsync(run(argv, fakeIo()), { instanceOf: UsageError, message });
  });
}

test('--help prints the usage and starts nothing', async (t) => {
  const io = fakeIo();
  t.is(await run(['--help'], io), 0);
  t.is(io.out.join(''), EMULATOR_USAGE, 'the help of the one command table, as `tcr-sigpolicy emulator --help` prints it');
  for (const flag of ['--port', '--seed', '--offset-pages', '--latency-ms', '--jitter-ms', '--throttle-rate', '--error-rate', '--drop-rate', '--fault-seed', '--rate-limit-all', '--quiet']) {
    t.true(EMULATOR_USAGE.includes(flag), flag);
  }
});

test('prints its endpoint first, serves the credentials from the environment, and stops on SIGINT with 130', async (t) => {
  const io = fakeIo({ TENCENTCLOUD_SECRET_ID: 'AKIDfromenv', TENCENTCLOUD_SECRET_KEY: 'env-secret-key' });
  const exitCode = run(['--port', '0'], io);
  const port = Number(LISTENING.exec(await io.firstLine)?.[2]);
  t.true(port > 0);
  const emulator = { port } as EmulatorHandle;
  const answer = await tcrClient(emulator, { secretId: 'AKIDfromenv', secretKey: 'env-secret-key' }).DescribeNamespaces({ RegistryId: GZ_REGISTRY });
  t.is(answer.TotalCount, 27);
  io.stop('SIGINT');
  t.is(await exitCode, 130);
  const stderr = io.err.join('');
  t.regex(stderr, /AKIDfromenv/);
  t.regex(stderr, /DescribeNamespaces ap-guangzhou 200 ok/);
  t.false(stderr.includes('env-secret-key'));
});

test('--quiet logs nothing per request; SIGTERM exits 0', async (t) => {
  const io = fakeIo();
  const exitCode = run(['--port', '0', '--quiet'], io);
  const port = Number(LISTENING.exec(await io.firstLine)?.[2]);
  await tcrClient({ port } as EmulatorHandle).DescribeRegions();
  io.stop('SIGTERM');
  t.is(await exitCode, 0);
  t.is(io.err.join(''), '');
  t.deepEqual(io.out.join('').split('\n'), [await io.firstLine, ''], 'only the endpoint line on stdout');
});

test('a port in use is a usage error with a hint', async (t) => {
  const busy = await startTestEmulator();
  t.teardown(() => busy.close());
  const error = await t.throwsAsync(run(['--port', String(busy.port)], fakeIo()), { instanceOf: UsageError, message: /already in use/ });
  t.regex(error.hint ?? '', /--port 0/);
});

test('as a real process: first stdout line is the URL, SIGTERM exits 0 and SIGINT 130', async (t) => {
  const script = `const { run } = await import(${JSON.stringify(pathToFileURL(resolve('src/commands/emulator.ts')).href)});
process.exitCode = await run(process.argv.slice(1));`;
  for (const [signal, expected] of [['SIGTERM', 0], ['SIGINT', 130]] as const) {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', '--port', '0', '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: child.stdout });
    const exited = once(child, 'exit');
    // If the child dies before its first line, say so rather than wait for a line that never comes.
    const first = await Promise.race([once(lines, 'line').then(([line]) => String(line)), exited.then(() => '(exited early)')]);
    const port = Number(LISTENING.exec(first)?.[2]);
    t.true(port > 0, first);
    await tcrClient({ port } as EmulatorHandle).DescribeRegions();
    child.kill(signal);
    const [code] = (await exited) as [number | null];
    t.is(code, expected, signal);
  }
});

test('the command it offers to try works on the seed it runs: the bundled sample for the bundled seed, status for a seed of your own', async (t) => {
  const bundled = fakeIo();
  const first = run(['--port', '0'], bundled);
  await bundled.firstLine;
  await new Promise((resolve) => setImmediate(resolve));
  bundled.stop('SIGTERM');
  await first;
  t.regex(bundled.out.join(''), /\n {2}tcr-sigpolicy batch \S*fixtures\/sample\.csv --endpoint http:\/\/127\.0\.0\.1:\d+ --dry-run\n/);

  const custom = fakeIo();
  const second = run(['--port', '0', '--seed', resolve('fixtures', 'emulator-seed.json')], custom);
  await custom.firstLine;
  await new Promise((resolve) => setImmediate(resolve));
  custom.stop('SIGTERM');
  await second;
  t.regex(custom.out.join(''), /\n {2}tcr-sigpolicy status --endpoint http:\/\/127\.0\.0\.1:\d+\n/);
  t.notRegex(custom.out.join(''), /sample\.csv/, 'not the sample, which names the bundled seed\'s registries');
});
