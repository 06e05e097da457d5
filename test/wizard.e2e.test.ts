// The wizard in a real terminal (tmux): the built CLI against an emulator in this process, driven key by key.
import test from 'ava';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY, type EmulatorHandle } from '../src/emulator/index.js';
import { GZ_REGISTRY, GZ_SIGNING_KEY, startTestEmulator, tcrClient } from './helpers/emulator-kit.js';
import { ROOT } from './helpers/run-cli.js';
import { ENDED, occurrences, startTmux, type TmuxSession } from './helpers/tmux.js';

const CREDENTIALS = { TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID, TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY };

async function emulatorFor(t: { teardown(fn: () => Promise<void>): void }): Promise<EmulatorHandle> {
  const emulator = await startTestEmulator();
  t.teardown(() => emulator.close());
  return emulator;
}

/** The screen below the last time `question` was asked. */
async function after(term: TmuxSession, question: string): Promise<string> {
  const screen = await term.waitFor(question);
  return screen.slice(screen.lastIndexOf(question));
}

test.serial('one policy: picked from the lists, Esc goes back, the review shows the command, sent with a RequestId', async (t) => {
  const emulator = await emulatorFor(t);
  // A namespace that already signs must show as such and not be offered.
  await tcrClient(emulator).CreateSignaturePolicy({ RegistryId: GZ_REGISTRY, NamespaceName: 'payments', Name: 'payments-signing', KmsId: GZ_SIGNING_KEY, KmsRegion: 'ap-guangzhou' });
  const cwd = mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-wizard-'));
  const term = await startTmux(t, { args: ['--endpoint', emulator.url, '--region', 'ap-guangzhou'], env: CREDENTIALS, cwd });

  await term.waitFor('What would you like to do?');
  await term.keys('Enter');
  t.regex(await after(term, 'Region of the registry'), /[▸❯>] ap-guangzhou/, 'the --region flag is the default');
  await term.keys('Enter');
  await term.waitFor(`${GZ_REGISTRY}  prod-gz`);
  await term.keys('Enter');
  const namespaces = await after(term, 'Namespace to sign');
  t.regex(namespaces, /payments.*already signs/);

  // Esc: back to the registry question, which is asked a second time; then forward again.
  await term.keys('Escape');
  await term.waitFor(/\? Registry/);
  await term.keys('Enter');
  await term.waitFor((s) => occurrences(s, 'Namespace to sign') >= 2);
  await term.pointTo('ledger');
  await term.keys('Enter');
  t.regex(await after(term, 'Policy name'), /ledger-signing/, 'the name defaults to {namespace}-signing');
  await term.keys('Enter');
  t.regex(await after(term, 'Region of the KMS key'), /[▸❯>] ap-guangzhou/, 'the KMS region defaults to the registry region');
  await term.keys('Enter');
  await term.waitFor('image-signing-gz');
  const keys = await after(term, 'KMS signing key');
  t.notRegex(keys, /retired-signing|app-secrets/, 'only Enabled signing keys are offered');
  await term.keys('Enter');
  await term.waitFor('Custom domain');
  await term.keys('Enter');
  await term.waitFor('Create it disabled?');
  await term.keys('Enter');

  const review = await term.waitFor('Create 1 signature policy');
  t.true(review.includes('"NamespaceName": "ledger"'));
  t.true(
    review.includes(
      `tcr-sigpolicy create --registry-id ${GZ_REGISTRY} --namespace ledger --name ledger-signing --kms-id ${GZ_SIGNING_KEY} ` +
        `--kms-region ap-guangzhou --yes --endpoint ${emulator.url} --region ap-guangzhou`,
    ),
  );
  await term.keys('y');
  // A new policy signs only what is pushed after it: the wizard offers to sign what is there (default no).
  await term.waitFor(`Sign the images already in ledger of ${GZ_REGISTRY} now?`);
  await term.keys('Enter');
  const done = await term.waitFor(ENDED);
  t.true(done.includes('[exit 0]'), done);
  t.is(emulator.state.actionCounts().DescribeRepositories, undefined, 'no is no: nothing listed, nothing signed');
  const requestId = /RequestId: ([0-9a-f-]{36})/.exec(done)?.[1];
  t.truthy(requestId, done);
  t.true(done.includes('[tty cooked]'), 'the terminal is out of raw mode');

  const policy = emulator.state.policies().find((p) => p.NamespaceName === 'ledger');
  t.like(policy, { RegistryId: GZ_REGISTRY, Name: 'ledger-signing', KmsId: GZ_SIGNING_KEY, KmsRegion: 'ap-guangzhou', Disabled: false });
  const create = emulator.state.recentRequests().filter((r) => r.action === 'CreateSignaturePolicy' && r.body.includes('ledger'));
  t.is(create.length, 1);
  t.is(create[0]?.requestId, requestId);
});

test.serial('Ctrl-C at a question leaves at once: exit 130, the terminal restored, nothing sent', async (t) => {
  const emulator = await emulatorFor(t);
  const cwd = mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-wizard-'));
  const term = await startTmux(t, { args: ['create', '--endpoint', emulator.url, '--region', 'ap-guangzhou', '--namespace', 'ledger'], env: CREDENTIALS, cwd });
  // create with flags missing asks only for the rest: no region question, the registry comes first.
  await term.waitFor(`${GZ_REGISTRY}  prod-gz`);
  t.false((await term.screen()).includes('Region of the registry'));
  await term.keys('C-c');
  const done = await term.waitFor(ENDED);
  t.true(done.includes('[exit 130]'), done);
  t.true(done.includes('Cancelled: nothing was sent.'));
  t.true(done.includes('[tty cooked]'));
  t.is(emulator.state.actionCounts().CreateSignaturePolicy?.requests ?? 0, 0);
});

test.serial('a CSV: the summary counts rows and shows problems with line numbers, then a dry run sends nothing', async (t) => {
  const emulator = await emulatorFor(t);
  const term = await startTmux(t, { args: ['--endpoint', emulator.url], env: CREDENTIALS, cwd: ROOT });
  await term.waitFor('What would you like to do?');
  await term.pointTo('Preview a CSV file');
  await term.keys('Enter');
  await term.waitFor('CSV file');
  await term.typeAnswer('fixtures/no-such.csv');
  await term.keys('Enter');
  await term.waitFor('no such file');
  await term.keys('C-g'); // clears the line
  await term.typeAnswer('fixtures/bad/many-problems.csv');
  await term.keys('Enter');
  const summary = await after(term, 'fixtures/bad/many-problems.csv:');
  t.regex(summary, /11 rows, 2 valid, 9 invalid/);
  t.regex(summary, /line 3, NamespaceName 'Team_A'/);
  t.regex(summary, /[▸❯>] Dry run/, 'a preview offers the dry run first');
  await term.keys('Enter');
  const end = await term.waitFor('Export results?');
  t.regex(end, /dry-run/);
  await term.keys('Enter'); // No
  const done = await term.waitFor(ENDED);
  t.true(done.includes('[exit 1]'), 'invalid rows make the exit code 1, as for batch');
  t.true(done.includes('[tty cooked]'));
  t.false(done.includes('Results:'));
  t.is(emulator.state.actionCounts().CreateSignaturePolicy?.requests ?? 0, 0);
});
