// A named pipe as the input blocks until something writes to it: the run says it is waiting, instead of
// sitting in silence, then reads what comes.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cliEnv, makeDataset, spawnCli, tempDir, waitFor } from './helpers/engine-kit.js';

test('a FIFO with no writer yet: the run says it is waiting for input, then reads it once written', async (t) => {
  const dir = await tempDir(t);
  const fifo = join(dir, 'policies.csv');
  execFileSync('mkfifo', [fifo]);
  const cli = spawnCli(t, ['batch', fifo, '--dry-run', '--no-preflight', '--no-tui'], { cwd: dir, env: cliEnv(dir) });
  await waitFor(() => /Waiting for input on [^\n]*policies\.csv \(a named pipe\)/.test(cli.stderr()), 'the waiting message');
  t.is(cli.child.exitCode, null, 'still waiting, not failed');
  await writeFile(fifo, makeDataset(3).csv);
  const exit = await cli.exit;
  t.is(exit.code, 0, exit.stderr);
  t.regex(exit.stderr, /3 CreateSignaturePolicy requests|3 requests/);
});
