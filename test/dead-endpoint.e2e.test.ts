// A dead endpoint: the advice is to check the network and the endpoint, never to skip the plan.
import test from 'ava';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from './helpers/run-cli.js';

/** A loopback port with nothing listening on it (bound, then closed). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('a refused connection before sending: the cause once, what to check, and no --no-preflight', async (t) => {
  const port = await deadPort();
  // --out in a scratch directory: the journal goes beside it, not into the repository.
  const out = join(mkdtempSync(join(tmpdir(), 'tcr-dead-endpoint-')), 'results.jsonl');
  const run = await runCli(['batch', `${ROOT}fixtures/sample.csv`, '--endpoint', `http://127.0.0.1:${port}`, '--yes', '--no-tui', '--out', out], {
    env: { TENCENTCLOUD_SECRET_ID: 'AKIDdeadEndpoint0000000000000000000000', TENCENTCLOUD_SECRET_KEY: 'k' },
  });
  t.is(run.code, 1, run.stderr);
  // A refused connection was never delivered: it is said as such, not as a network error of unknown outcome.
  t.regex(run.stderr, /Preflight failed, so nothing is sent: .*ConnectionRefused/);
  t.regex(run.stderr, /hint: nothing answers at the endpoint: check --endpoint/);
  t.false(run.stderr.includes('--no-preflight'), run.stderr);
  t.false(run.stderr.includes('Resume:'), 'nothing was sent: running it again is the resume');
});
