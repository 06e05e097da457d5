// --verbose and TCR_SIGPOLICY_DEBUG=1: every request the run makes, one line each on stderr, with what a
// user needs to follow it up (action, region, endpoint, latency, RequestId, outcome), and no secret.
import test from 'ava';
import { join } from 'node:path';
import { TEST_SECRET_KEY, cliEnv, makeDataset, readJsonLines, runCli, startKitEmulator, tempDir, writeCsv, type ExportedResult } from './helpers/engine-kit.js';

const LINE = /^debug: (\w+) (ap-[a-z]+) (http:\/\/127\.0\.0\.1:\d+) (\d+)ms RequestId=(\S+) (\S+)$/;

for (const [how, args, extraEnv] of [
  ['--verbose', ['--verbose'], {}],
  ['TCR_SIGPOLICY_DEBUG=1', [], { TCR_SIGPOLICY_DEBUG: '1' }],
] as const) {
  test(`${how}: one line per request, reads and writes alike, with its RequestId and outcome; never the secret key`, async (t) => {
    const dir = await tempDir(t);
    const { csv, seed } = makeDataset(12);
    const emulator = await startKitEmulator(t, { seed });
    const run = await runCli(t, ['batch', await writeCsv(dir, csv), '--endpoint', emulator.url, '--yes', '--out', 'results.jsonl', ...args], { cwd: dir, env: cliEnv(dir, extraEnv) });
    t.is(run.code, 1, run.stderr); // the dataset has rows the plan blocks
    const lines = run.stderr.split('\n').filter((l) => l.startsWith('debug: '));
    t.true(lines.every((l) => LINE.test(l)), lines.find((l) => !LINE.test(l)));
    const counts = emulator.state.actionCounts();
    const sent = Object.values(counts).reduce((n, c) => n + c.requests, 0);
    t.is(lines.length, sent, 'every request the emulator saw, and no other');
    const parsed = lines.map((l) => LINE.exec(l) as RegExpExecArray);
    t.is(parsed.filter((m) => m[1] === 'CreateSignaturePolicy').length, counts['CreateSignaturePolicy']?.requests ?? 0);
    t.true(parsed.every((m) => m[3] === emulator.url));
    const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl')).filter((r) => r.RequestId !== '');
    t.true(results.length > 0);
    for (const r of results) t.true(lines.some((l) => l.includes(`RequestId=${r.RequestId} ok`)), r.RequestId);
    t.false(`${run.stdout}${run.stderr}`.includes(TEST_SECRET_KEY), 'the secret key never shows');
  });
}

test('without either, no request lines', async (t) => {
  const dir = await tempDir(t);
  const { csv, seed } = makeDataset(3);
  const emulator = await startKitEmulator(t, { seed });
  const run = await runCli(t, ['batch', await writeCsv(dir, csv), '--endpoint', emulator.url, '--yes', '--no-tui'], { cwd: dir, env: cliEnv(dir) });
  t.notRegex(run.stderr, /^debug: /m);
});
