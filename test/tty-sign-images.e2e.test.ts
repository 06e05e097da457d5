// `sign-images` in a real terminal (tmux): the Ink dashboard of a signing run, to its final frame.
import test from 'ava';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../src/emulator/index.js';
import { startTestEmulator } from './helpers/emulator-kit.js';
import { IMAGES_REGISTRY, imagesSeed, LISTS_AND_SIGNS } from './helpers/images-kit.js';
import { ENDED, startTmux } from './helpers/tmux.js';

const CREDENTIALS = { TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID, TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY };

test('the dashboard of a signing run: each tag by its label, the signed counter, the summary, and the emulator holding every tag signed', async (t) => {
  const emulator = await startTestEmulator({ seed: join(process.cwd(), 'fixtures/images-world.json') });
  t.teardown(() => emulator.close());
  const cwd = mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-images-'));
  const term = await startTmux(t, { args: ['sign-images', '--registry-id', 'tcr-world02', '--namespace', 'batch,ml', '--endpoint', emulator.url, '--yes', '--out', 's.csv'], env: CREDENTIALS, cwd, width: 120 });
  const screen = await term.waitFor(ENDED, 60_000);
  t.regex(screen, /Plan \(\d+ read calls\): 12 to sign, 28 to skip \(already signed\), 0 blocked/);
  t.regex(screen, /tcr-world02\/batch\/jobs:v15 +signed/, 'a finished tag by its label and its status');
  t.regex(screen, /tcr-world02\/ml\/trainer:v1 +skipped/, 'a tag signed before, skipped');
  t.regex(screen, /signed 12/, 'the counter of the status a signing ends in');
  t.regex(screen, /Finished in/, 'the final frame');
  t.regex(screen, /Signatures cannot be deleted/);
  t.true(screen.includes('[exit 0]'), screen);
  t.true(screen.includes('[tty cooked]'));
  const jobs = emulator.state.images('tcr-world02').find((r) => r.RepositoryName === 'jobs');
  t.deepEqual(jobs?.unsigned, []);
});

test('"no" at the signing question: exit 2, nothing sent, no results or journal written, the terminal restored', async (t) => {
  const emulator = await startTestEmulator({ seed: join(process.cwd(), 'fixtures/images-world.json') });
  t.teardown(() => emulator.close());
  const cwd = mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-images-no-'));
  const term = await startTmux(t, { args: ['sign-images', '--registry-id', 'tcr-world01', '--namespace', 'web', '--endpoint', emulator.url, '--out', 's.csv'], env: CREDENTIALS, cwd, width: 120 });
  await term.waitFor(/Sign 35 tags in 1 registry .*Signatures cannot be deleted.*\(y\/N\)/s, 60_000);
  await term.keys('n');
  await term.keys('Enter');
  const screen = await term.waitFor(ENDED, 30_000);
  t.regex(screen, /Nothing was sent\./);
  t.regex(screen, /\[exit 2\]/);
  t.regex(screen, /\[tty cooked\]/, 'the question gave the terminal back');
  t.is(emulator.state.actionCounts().CreateSignature, undefined, 'no CreateSignature sent');
  t.false(existsSync(join(cwd, 's.csv')));
  t.deepEqual(readdirSync(cwd), [], 'no results, journal or lock left behind');
});

test('Ctrl-C at the signing question: exit 130, every tag\'s result written (not-sent or skipped), the journal and the Resume line, nothing sent', async (t) => {
  const emulator = await startTestEmulator({ seed: join(process.cwd(), 'fixtures/images-world.json') });
  t.teardown(() => emulator.close());
  const cwd = mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-images-stop-'));
  const term = await startTmux(t, { args: ['sign-images', '--registry-id', 'tcr-world01', '--namespace', 'web', '--endpoint', emulator.url, '--out', 's.csv'], env: CREDENTIALS, cwd, width: 160 });
  await term.waitFor(/Sign 35 tags in 1 registry .*\(y\/N\)/s, 60_000);
  await term.keys('C-c');
  const screen = (await term.waitFor(ENDED, 30_000)).replace(/ \\\n +/g, ' ');
  t.regex(screen, /\[exit 130\]/);
  t.regex(screen, /\[tty cooked\]/);
  t.regex(screen, /Resume: +tcr-sigpolicy sign-images .* --resume s\.\S+\.journal\.jsonl --force/);
  const rows = readFileSync(join(cwd, 's.csv'), 'utf8').trimEnd().split('\n').slice(1);
  t.is(rows.length, 45, 'every tag of the namespace');
  t.is(rows.filter((r) => r.includes(',not-sent,')).length, 35);
  t.is(rows.filter((r) => r.includes(',skipped,')).length, 10);
  t.is(emulator.state.actionCounts().CreateSignature, undefined, 'no CreateSignature sent');
});

test('the dashboard while the listing goes on (--yes): the total still counted (`N+ listing…`), then final, and the plan in the closing lines', async (t) => {
  // 5 repositories of 2,000 tags, one in a hundred unsigned, each page delayed: a couple of seconds of listing.
  const emulator = await startTestEmulator({ seed: imagesSeed({ repositories: 5, tags: 2000, unsignedEvery: 100 }), latencyMs: 60, jitterMs: 80, faultActions: LISTS_AND_SIGNS });
  t.teardown(() => emulator.close());
  const cwd = mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-images-'));
  const term = await startTmux(t, { args: ['sign-images', '--registry-id', IMAGES_REGISTRY, '--endpoint', emulator.url, '--yes', '--out', 's.csv'], env: CREDENTIALS, cwd, width: 120 });
  await term.waitFor(/\d+\/\d+\+ listing…/, 30_000);
  const screen = await term.waitFor(ENDED, 60_000);
  t.regex(screen, /10000\/10000 100%/, 'the final frame: the total is final');
  t.regex(screen, /Plan \(\d+ read calls\): 100 to sign, 9900 to skip \(already signed\), 0 blocked/);
  t.true(screen.includes('[exit 0]'), screen);
  t.is(Object.keys(emulator.state.successfulSignatures()).length, 100);
});
