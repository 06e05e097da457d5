// The finish step of a live run: the export is written in a `finally`, so a step before it that
// fails (here the face) still leaves the results on disk; and a journal that could not be closed
// never turns a clean run into exit 0.
import test, { type ExecutionContext } from 'ava';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SendOptions } from '../src/cli/send-options.js';
import { finishLiveRun } from '../src/commands/finish-run.js';
import type { SendRequest } from '../src/commands/send-rows.js';
import type { LiveRun } from '../src/commands/run-with-faces.js';
import { parseEndpoints } from '../src/core/endpoint.js';
import { createEventHub } from '../src/core/event-hub.js';
import type { PolicyRow } from '../src/core/policy-row.js';
import { identityOf, resultOf } from '../src/core/result.js';
import type { Journal } from '../src/services/journal.js';
import { CREATE_POLICY } from '../src/services/policy-operations.js';

const row: PolicyRow = {
  line: 2, region: 'ap-guangzhou',
  request: { RegistryId: 'tcr-unit', NamespaceName: 'ns', Name: 'ns-signing', KmsId: 'k', KmsRegion: 'ap-guangzhou' },
};

async function finishWith(t: ExecutionContext, run: Partial<LiveRun>, journalClose: () => Promise<void> = async () => undefined) {
  const dir = await mkdtemp(join(tmpdir(), 'finish-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const out = join(dir, 'results.csv');
  const options: SendOptions = {
    endpoint: parseEndpoints([]), dryRun: false, yes: true, out, rate: 20, maxAttempts: 5,
    force: false, skipInvalid: false, preflight: false, json: false, plain: true,
  };
  const journal = { path: join(tmpdir(), 'unit.journal.jsonl'), close: journalClose } as Journal;
  const live: LiveRun = { results: [resultOf(identityOf(row), 'created', { RequestId: 'req-1' })], interrupted: false, journal, face: Promise.resolve(), ...run };
  // What the user would read on stderr, kept here rather than printed among the test runner's lines.
  let stderr = '';
  const err = { write: (text: string) => (stderr += text) };
  const req: SendRequest = { rows: [row], settled: [], options, confirm: false, operation: CREATE_POLICY };
  const finished = finishLiveRun(req, { call: () => Promise.reject(new Error('no reads')) }, createEventHub(), live, err);
  return { out, finished, stderr: () => stderr };
}

test('a face that fails after the run still leaves the export written, and the failure is not swallowed', async (t) => {
  const { out, finished, stderr } = await finishWith(t, { face: Promise.reject(new Error('the dashboard crashed')) });
  await t.throwsAsync(finished, { message: 'the dashboard crashed' });
  t.regex(stderr(), /^Results: +.*results\.csv$/m, 'the closing lines still say where the results are');
  t.regex(await readFile(out, 'utf8'), /^line,Region,.*\n2,ap-guangzhou,tcr-unit,ns,ns-signing,.*,created,req-1,/s);
});

test('a journal that cannot be closed makes a clean run exit 1, with the export written', async (t) => {
  const { out, finished, stderr } = await finishWith(t, {}, () => Promise.reject(new Error('ENOSPC: no space left on device')));
  t.is(await finished, 1);
  t.regex(stderr(), /ENOSPC: no space left on device/, 'the journal failure is reported to the user');
  t.regex(await readFile(out, 'utf8'), /created,req-1/);
});
