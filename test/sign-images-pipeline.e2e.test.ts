// `sign-images --yes` signs while it lists: the built CLI, the real SDK over HTTP, the emulator with
// latency on its lists, so that listing 10,000 tags (5 repositories of 20 pages each, read page after
// page) takes a couple of seconds. The emulator's request log says when each request arrived and when
// its answer went out: the first CreateSignature must be answered before the last DescribeImages arrives.
import test from 'ava';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { cliEnv, runCli, startKitEmulator, tempDir } from './helpers/engine-kit.js';
import { held, IMAGES_REGISTRY, imagesSeed, LISTS_AND_SIGNS } from './helpers/images-kit.js';

const REPOSITORIES = 5;
const TAGS = 2000;
/** One tag in a hundred unsigned: every DescribeImages page has one to sign. */
const seed = imagesSeed({ repositories: REPOSITORIES, tags: TAGS, unsignedEvery: 100 });

test('--yes: the first CreateSignature is answered before the last DescribeImages is sent; every unsigned tag signed once; the results equal the emulator', async (t) => {
  const dir = await tempDir(t, 'tcr-pipeline-');
  const emulator = await startKitEmulator(t, { seed, latencyMs: 60, jitterMs: 80, faultActions: LISTS_AND_SIGNS, requestLogSize: 2_000 });
  const done = await runCli(t, ['sign-images', '--registry-id', IMAGES_REGISTRY, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'signed.csv'], { cwd: dir, env: cliEnv(dir) });
  t.is(done.code, 0, done.stderr);

  const log = emulator.state.recentRequests();
  const firstSignAnswered = Math.min(...log.filter((r) => r.action === 'CreateSignature').map((r) => Date.parse(r.answeredAt)));
  const lastListArrived = Math.max(...log.filter((r) => r.action === 'DescribeImages').map((r) => Date.parse(r.receivedAt)));
  t.true(firstSignAnswered < lastListArrived, `first CreateSignature answered ${firstSignAnswered - lastListArrived} ms after the last DescribeImages arrived`);

  const wanted = REPOSITORIES * (TAGS / 100);
  const signatures = emulator.state.successfulSignatures();
  t.is(Object.keys(signatures).length, wanted, 'every unsigned tag signed');
  t.true(Object.values(signatures).every((n) => n === 1), 'none signed twice');
  const rows = parse(await readFile(join(dir, 'signed.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  t.is(rows.length, REPOSITORIES * TAGS);
  const now = held(emulator);
  for (const row of rows) {
    const key = `${row.RegistryId}/${row.NamespaceName}/${row.RepositoryName}:${row.ImageVersion}`;
    if (now.get(key) !== true) t.fail(`${key}: ${row.status}, not signed in the emulator`);
  }
  t.is(rows.filter((r) => r.status === 'signed').length, wanted);
  t.is(rows.filter((r) => r.status === 'skipped').length, REPOSITORIES * TAGS - wanted);
  t.true(rows.some((r) => r.RepositoryName === 'images/r0' && r.status === 'signed'), 'the nested repository by its name inside the namespace');

  // The faces: the counter says the total is still being counted, the plan is said once the listing ends.
  t.regex(done.stderr, /as the listing finds them/);
  t.regex(done.stdout, /^\[\s*\d+\/\d+\+\] /m, 'a line while the listing went on: its total ends with +');
  t.regex(done.stdout.trimEnd().split('\n').at(-1) ?? '', /^\[10000\/10000\] /, 'the last line: the total is final');
  t.regex(done.stderr, /100 to sign, 9900 to skip \(already signed\), 0 blocked, in 5 repositories/);
});

test('--json --yes: `start` says the total is still being counted, `listed` gives the final one, every tag has its row-done', async (t) => {
  const dir = await tempDir(t, 'tcr-pipeline-');
  const emulator = await startKitEmulator(t, { seed: join(process.cwd(), 'fixtures/images-world.json'), latencyMs: 30, jitterMs: 30, faultActions: LISTS_AND_SIGNS });
  const done = await runCli(t, ['sign-images', '--registry-id', 'tcr-world02', '--endpoint', emulator.url, '--yes', '--json'], { cwd: dir, env: cliEnv(dir) });
  t.is(done.code, 0, done.stderr);
  const events = done.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  t.like(events[0], { type: 'start', counting: true, action: 'CreateSignature', registries: ['tcr-world02'] });
  const listed = events.find((e) => e.type === 'listed');
  t.like(listed, { total: 140 - 43, settled: 43 });
  t.is(events.filter((e) => e.type === 'row-done').length, 140);
  t.like(events.at(-1), { type: 'end', counts: { signed: 97, skipped: 43 } });
  t.is(Object.keys(emulator.state.successfulSignatures()).length, 97);
});
