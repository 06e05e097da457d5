// What a new user sees in a real terminal (tmux): refused credentials, NO_COLOR, TERM=dumb, 60 columns.
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SECRET_ID } from '../src/emulator/index.js';
import { startTestEmulator } from './helpers/emulator-kit.js';
import { CURSOR_MOVES, rawOf, SGR } from './helpers/first-hour-kit.js';
import { ROOT } from './helpers/run-cli.js';
import { ENDED, occurrences, startTmux } from './helpers/tmux.js';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'tcr-first-hour-'));

test('the wizard with refused credentials stops at the first list, says why once, and colours nothing (NO_COLOR=1)', async (t) => {
  const emulator = await startTestEmulator();
  t.teardown(() => emulator.close());
  const cwd = scratch();
  const record = join(cwd, 'terminal.raw');
  const term = await startTmux(t, {
    args: ['--endpoint', emulator.url, '--region', 'ap-guangzhou'],
    env: { TENCENTCLOUD_SECRET_ID: 'AKIDnotKnownToTheEmulator000000000000', TENCENTCLOUD_SECRET_KEY: 'wrong', NO_COLOR: '1' },
    cwd,
    record,
  });
  await term.waitFor('What would you like to do?');
  await term.keys('Enter');
  await term.waitFor('Region of the registry');
  await term.keys('Enter');
  const screen = await term.waitFor(ENDED);

  t.true(screen.includes('[exit 2]'), screen);
  t.is(occurrences(screen, 'the credentials were refused'), 1, screen);
  t.regex(screen, /AuthFailure\.SecretIdNotFound/);
  t.regex(screen, /hint: the SecretId is unknown: check TENCENTCLOUD_SECRET_ID or the --profile/);
  t.false(screen.includes('Registry id'), 'no value is asked for after the refusal');
  t.false(screen.includes('type the value instead'));
  t.false(screen.includes('wrong'), 'the secret key is never shown');
  t.deepEqual(rawOf(record).match(SGR) ?? [], [], 'no colour codes, the prompts included');
  t.true(rawOf(record).includes('What would you like to do?'), 'the recording holds the prompts');
});

test('NO_COLOR=1: the demo, its dashboard and its export question carry no colour codes', async (t) => {
  const cwd = scratch();
  const record = join(cwd, 'terminal.raw');
  const term = await startTmux(t, { args: ['demo'], cwd, record, env: { NO_COLOR: '1' } });
  await term.waitFor('Export results?', 60_000);
  await term.keys('n');
  const screen = await term.waitFor(ENDED);
  t.true(screen.includes('[exit 0]'), screen);
  const raw = rawOf(record);
  t.true(raw.includes('Needs attention'), 'the recording holds the final frame');
  t.deepEqual(raw.match(SGR) ?? [], []);
});

test('TERM=dumb: plain lines, no cursor movement, no question it cannot redraw', async (t) => {
  const cwd = scratch();
  const record = join(cwd, 'terminal.raw');
  const term = await startTmux(t, { args: ['demo'], cwd, record, env: { TERM: 'dumb' } });
  const screen = await term.waitFor(ENDED, 60_000);
  t.true(screen.includes('[exit 0]'), screen);
  t.regex(screen, /\[60\/60\]/, 'one plain line per row');
  t.regex(screen, /Done in [\d.]+ ?m?s: /);
  const raw = rawOf(record);
  t.deepEqual(raw.match(CURSOR_MOVES) ?? [], [], 'no cursor movement or erase codes');
  t.deepEqual(raw.match(SGR) ?? [], [], 'no colour on a dumb terminal');
  t.false(raw.includes('Export results?'));
});

test('60 columns: every namespace whole, RequestIds kept in part, every reason in full', async (t) => {
  const cwd = scratch();
  const term = await startTmux(t, { args: ['demo'], cwd, width: 60, height: 50 });
  const screen = await term.waitFor('Export results?', 60_000);
  for (const namespace of ['recommendations', 'data.warehouse', 'observability', 'notifications', 'support-tools']) {
    t.regex(screen, new RegExp(`(tcr-)?…\\w{4}/${namespace.replace('.', '\\.')} +created {2}[0-9a-f]{8}…[0-9a-f]{4}`), namespace);
  }
  t.regex(screen, /L13 +tcr-…cd34\/data\.warehouse/, 'the registry keeps its last characters');
  const attention = screen.slice(screen.indexOf('Needs attention'));
  // Wrapped, the whole reason is on the screen: joined again it reads as one sentence.
  const joined = attention.replace(/\n\s+/g, ' ');
  t.regex(joined, /usage ENCRYPT_DECRYPT; image signing needs ASYMMETRIC_SIGN_VERIFY_RSA_2048/);
  t.regex(joined, /namespace identity does not exist in registry tcr-9x8y7z6w/);
  // The demo's own introduction (issue 11's text) aside, the dashboard's lines fit.
  const intro = 'They are listed at the end.';
  t.true(screen.includes(intro));
  const dashboard = screen.slice(screen.indexOf(intro) + intro.length).split('\n');
  t.deepEqual(dashboard.filter((line) => [...line].length > 60), []);
  t.false(screen.includes(DEMO_SECRET_ID.slice(10)), 'no secret on screen');
});

test('batch with refused credentials on a terminal: the cause once with its hint, one not-sent line, no export question', async (t) => {
  const emulator = await startTestEmulator();
  t.teardown(() => emulator.close());
  const cwd = scratch();
  writeFileSync(join(cwd, 'policies.csv'), readFileSync(join(ROOT, 'fixtures', 'sample.csv')));
  const term = await startTmux(t, {
    args: ['batch', 'policies.csv', '--endpoint', emulator.url],
    env: { TENCENTCLOUD_SECRET_ID: 'AKIDnotKnownToTheEmulator000000000000', TENCENTCLOUD_SECRET_KEY: 'wrong' },
    cwd,
  });
  const screen = await term.waitFor(ENDED);
  t.true(screen.includes('[exit 1]'), screen);
  t.is(occurrences(screen, 'The SecretId AKIDnotKnownToTheEmulator000000000000 does not exist'), 1, screen);
  t.regex(screen, /hint: the SecretId is unknown: check TENCENTCLOUD_SECRET_ID or the --profile/);
  t.regex(screen, /^not-sent 60 rows \(lines 2-61\): the preflight failed$/m);
  t.regex(screen, /Stopped after [^:]+: 60 rows not sent\./);
  t.is(screen.split('\n').filter((line) => line.startsWith('not-sent')).length, 1, 'no line per row');
  t.notRegex(screen, /not-sent.*SecretIdNotFound/, 'the cause is not repeated on the not-sent line');
  t.false(screen.includes('Export results?'), 'nothing was sent, so nothing to export');
  t.false(screen.includes('Resume:'), 'nothing was sent: running it again is the resume');
});

test('the wizard on a terminal: a mistyped flag gets "did you mean"', async (t) => {
  const term = await startTmux(t, { args: ['--regoin', 'ap-guangzhou'], cwd: scratch() });
  const screen = await term.waitFor(ENDED);
  t.true(screen.includes('[exit 2]'), screen);
  t.regex(screen, /error: Unknown option '--regoin'\nhint: did you mean --region\? the wizard takes --region, --endpoint, --profile, --role-arn and --role-session-name/);
});

test('100 columns: full RequestIds on the rows, and every Needs-attention reason whole, wrapped', async (t) => {
  const term = await startTmux(t, { args: ['demo'], cwd: scratch(), width: 100, height: 50 });
  const screen = await term.waitFor('Export results?', 60_000);
  t.regex(screen, /L13 +tcr-ab12cd34\/data\.warehouse +created {2}[0-9a-f-]{36}/);
  const joined = screen.slice(screen.indexOf('Needs attention')).replace(/\n\s+/g, ' ');
  t.regex(joined, /KMS key 2c3d4e5f-4b7d-11ee-9c3a-525400445566 has usage ENCRYPT_DECRYPT; image signing needs ASYMMETRIC_SIGN_VERIFY_RSA_2048/);
  t.regex(joined, /KMS key 1b2c3d4e-4b7d-11ee-9c3a-525400112233 is Disabled; a signing key must be Enabled/);
  t.notRegex(screen.slice(screen.indexOf('Needs attention')), /…\n/, 'no reason cut');
});

test('create on a terminal with refused credentials: the error once, with its hint', async (t) => {
  const emulator = await startTestEmulator();
  t.teardown(() => emulator.close());
  const term = await startTmux(t, {
    args: ['create', '--registry-id', 'tcr-ab12cd34', '--namespace', 'payments', '--name', 'payments-signing', '--kms-id', '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3',
      '--kms-region', 'ap-guangzhou', '--region', 'ap-guangzhou', '--endpoint', emulator.url],
    env: { TENCENTCLOUD_SECRET_ID: 'AKIDnotKnownToTheEmulator000000000000', TENCENTCLOUD_SECRET_KEY: 'wrong' },
    cwd: scratch(),
  });
  const screen = await term.waitFor(ENDED);
  t.true(screen.includes('[exit 1]'), screen);
  t.is(occurrences(screen, 'does not exist'), 1, screen);
  t.is(occurrences(screen, 'hint:'), 1, screen);
  t.false(screen.includes('(y/N)'), 'nothing to confirm when nothing can be sent');
});
