// The built CLI's pace as the API sees it: the emulator counts requests by arrival, as the real one does.
import test from 'ava';
import { join } from 'node:path';
import {
  cliEnv,
  makeDataset,
  maxInWindow,
  readJsonLines,
  runCli,
  startKitEmulator,
  tempDir,
  writeCsv,
  type ExportedResult,
} from './helpers/engine-kit.js';

async function paced(t: import('ava').ExecutionContext, rows: number, rate: number) {
  const dataset = makeDataset(rows);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed, requestLogSize: 1000 });
  const run = await runCli(
    t,
    // --no-preflight: every row is sent, so the pace is measured on all of them.
    ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--no-preflight', '--out', 'results.jsonl', '--rate', String(rate)],
    { cwd: dir, env: cliEnv(dir) },
  );
  t.is(run.code, 1, run.stderr); // the dataset's business-error rows fail
  const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  t.is(results.length, rows);
  const creates = emulator.state.recentRequests().filter((r) => r.action === 'CreateSignaturePolicy');
  return { emulator, results, arrivals: creates.map((r) => Date.parse(r.receivedAt)) };
}

test('at --rate 20 the emulator, limited to its documented 20/s, never throttles', async (t) => {
  const { emulator, results, arrivals } = await paced(t, 120, 20);
  t.deepEqual(emulator.state.actionCounts()['CreateSignaturePolicy']?.outcomes['RequestLimitExceeded'] ?? 0, 0);
  t.false(results.some((r) => r.attempts > 1), 'a row needed a retry');
  t.true(maxInWindow(arrivals) <= 20, `${maxInWindow(arrivals)} requests arrived within one second`);
});

test('at --rate 5 no one-second window holds more than 5 arrivals', async (t) => {
  const { arrivals } = await paced(t, 30, 5);
  t.is(arrivals.length, 30);
  t.true(maxInWindow(arrivals) <= 5, `${maxInWindow(arrivals)} requests arrived within one second`);
});
