// The wizard's offer after it created a policy, in a real terminal (tmux): "yes" signs the images the
// namespace already holds, in the same process, through sign-images' listing, plan and engine.
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../src/emulator/index.js';
import { startTestEmulator } from './helpers/emulator-kit.js';
import { ENDED, startTmux } from './helpers/tmux.js';

const CREDENTIALS = { TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID, TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY };

test('a policy made in the wizard, then "yes" to signing what the namespace holds: its 20 tags signed once each, the plan shown, the terminal restored', async (t) => {
  const emulator = await startTestEmulator({ seed: join(process.cwd(), 'fixtures/images-world.json') });
  t.teardown(() => emulator.close());
  const cwd = mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-wizard-images-'));
  const term = await startTmux(t, { args: ['--endpoint', emulator.url, '--region', 'ap-guangzhou'], env: CREDENTIALS, cwd, width: 120, height: 50 });
  await term.waitFor('What would you like to do?');
  await term.keys('Enter'); // one policy
  await term.waitFor('Region of the registry');
  await term.keys('Enter');
  await term.waitFor('tcr-world01  world-gz');
  await term.keys('Enter');
  await term.waitFor('Namespace to sign');
  await term.pointTo('tools');
  await term.keys('Enter');
  await term.waitFor('Policy name');
  await term.keys('Enter');
  await term.waitFor('Region of the KMS key');
  await term.keys('Enter');
  await term.waitFor('world-signing-gz');
  await term.keys('Enter');
  await term.waitFor('Custom domain');
  await term.keys('Enter');
  await term.waitFor('Create it disabled?');
  await term.keys('Enter');
  await term.waitFor('Create 1 signature policy');
  await term.keys('y');
  await term.waitFor('Sign the images already in tools of tcr-world01 now?');
  t.is(emulator.state.actionCounts().DescribeImages, undefined, 'nothing listed before the answer');
  await term.keys('y');
  // The signing's plan is shown; the answer already given is its confirmation: no second question.
  const end = await term.waitFor('Export results?', 60_000);
  t.regex(end, /Plan \(\d+ read calls\): 20 to sign, 0 to skip \(already signed\), 0 blocked/);
  t.notRegex(end, /Sign 20 tags in/, 'no second question');
  await term.keys('Enter'); // No
  const done = await term.waitFor(ENDED, 30_000);
  t.regex(done, /Signed 20, skipped 0, blocked 0, failed 0, not sent 0\./);
  t.regex(done, /Signatures cannot be deleted/);
  t.true(done.includes('[exit 0]'), done);
  t.true(done.includes('[tty cooked]'), 'the terminal is out of raw mode');
  t.true(emulator.state.policies().some((p) => p.RegistryId === 'tcr-world01' && p.NamespaceName === 'tools'));
  t.deepEqual(emulator.state.images('tcr-world01').find((r) => r.NamespaceName === 'tools')?.unsigned, [], 'every tag of the namespace signed');
  const counts = Object.entries(emulator.state.successfulSignatures());
  t.is(counts.length, 20);
  t.true(counts.every(([key, n]) => key.startsWith('tcr-world01/tools/') && n === 1), 'only that namespace, each tag once');
});

test('a CSV sent from the wizard that created a policy, then "yes" to signing: sign-images --from its record, the namespace\'s 20 tags signed once each', async (t) => {
  const emulator = await startTestEmulator({ seed: join(process.cwd(), 'fixtures/images-world.json') });
  t.teardown(() => emulator.close());
  const cwd = mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-wizard-images-csv-'));
  writeFileSync(join(cwd, 'tools.csv'), 'RegistryId,NamespaceName,Name,KmsId,KmsRegion,Region\ntcr-world01,tools,tools-signing,a1b2c3d4-0000-4000-8000-000000000001,ap-guangzhou,ap-guangzhou\n');
  const term = await startTmux(t, { args: ['--endpoint', emulator.url], env: CREDENTIALS, cwd, width: 160, height: 50 });
  await term.waitFor('What would you like to do?');
  await term.pointTo('Create many from a CSV file');
  await term.keys('Enter');
  await term.waitFor('CSV file');
  await term.typeAnswer('tools.csv');
  await term.keys('Enter');
  await term.waitFor('What next?');
  await term.keys('Enter'); // send all
  await term.waitFor(/Create 1 signature policy .*\(y\/N\)/);
  await term.keys('y');
  await term.waitFor('Export results?', 60_000);
  await term.keys('Enter'); // no: the journal is the record
  const asked = await term.waitFor(/Sign the images already in 1 namespace now \(sign-images --from \S+\.journal\.jsonl\)\?/, 30_000);
  t.regex(asked, /Sign them: tcr-sigpolicy sign-images --from \S+\.journal\.jsonl/, 'the closing line gives the same command');
  await term.keys('y');
  await term.waitFor((s) => s.split('Export results?').length === 3, 60_000);
  await term.keys('Enter');
  const done = await term.waitFor(ENDED, 30_000);
  t.true(done.includes('[exit 0]'), done);
  t.regex(done, /Plan \(\d+ read calls\): 20 to sign, 0 to skip \(already signed\), 0 blocked/);
  t.regex(done, /Signed 20, skipped 0, blocked 0, failed 0, not sent 0\./);
  t.true(done.includes('[tty cooked]'));
  t.deepEqual(emulator.state.images('tcr-world01').find((r) => r.NamespaceName === 'tools')?.unsigned, []);
  const counts = Object.entries(emulator.state.successfulSignatures());
  t.is(counts.length, 20);
  t.true(counts.every(([key, n]) => key.startsWith('tcr-world01/tools/') && n === 1));
});
