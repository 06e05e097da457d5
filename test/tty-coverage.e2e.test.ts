// Coverage in a real terminal (tmux): the wizard's "Show signing coverage", and the line a live batch
// prints once its dashboard has closed.
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../src/emulator/index.js';
import { startTestEmulator } from './helpers/emulator-kit.js';
import { ENDED, startTmux } from './helpers/tmux.js';

const CREDENTIALS = { TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID, TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY };
const GZ_KEY = '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3';

test('the wizard offers "Show signing coverage": every registry on a 60-column screen, the unreadable one named', async (t) => {
  const emulator = await startTestEmulator();
  t.teardown(() => emulator.close());
  const cwd = mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-coverage-'));
  const term = await startTmux(t, { args: ['--endpoint', emulator.url, '--region', 'ap-guangzhou'], env: CREDENTIALS, cwd, width: 60 });
  await term.waitFor('What would you like to do?');
  await term.pointTo('Show signing coverage');
  await term.keys('Enter');
  const screen = await term.waitFor(ENDED);
  t.regex(screen, /tcr-hkmany01 {2}ap-hongkong {2}Running\n {2}120 namespaces: 105 signing, 15 not signing \(87%\)/);
  t.regex(screen, /tcr-tyo00001 {2}ap-tokyo {2}Running\n {2}6 namespaces: 6 signing, 0 not signing \(100%\)/, 'every region, not only --region');
  t.regex(screen, /Total: 7 registries in 7 regions/);
  t.regex(screen, /tcr-fra00001 \(eu-frankfurt\): UnauthorizedOperation/);
  t.regex(screen, /To sign what does not sign yet: tcr-sigpolicy discover --all-registries --unsigned-only/);
  // Pasted, it reads where the wizard read: the emulator, not the public API (and --region, only a default here, is left out).
  t.true(screen.replace(/\n/g, '').includes(`--out unsigned.csv --endpoint ${emulator.url}`), screen);
  t.true(screen.includes('[exit 1]'), screen);
  t.true(screen.includes('[tty cooked]'));
});

test('after the dashboard closes, a live batch prints the coverage of its registries', async (t) => {
  const emulator = await startTestEmulator();
  t.teardown(() => emulator.close());
  const cwd = mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-coverage-'));
  const names = ['payments', 'checkout', 'search'];
  writeFileSync(join(cwd, 'p.csv'), `Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion\n${names.map((n) => `ap-guangzhou,tcr-ab12cd34,${n},${n}-signing,${GZ_KEY},ap-guangzhou`).join('\n')}\n`);
  const term = await startTmux(t, { args: ['batch', 'p.csv', '--endpoint', emulator.url, '--yes', '--out', 'r.csv'], env: CREDENTIALS, cwd });
  const screen = await term.waitFor(ENDED, 30_000);
  t.regex(screen, /Finished in/, 'the dashboard ran');
  t.regex(screen, /Coverage now: tcr-ab12cd34 3\/27 signing \(11%\)\./);
  t.true(screen.includes('[exit 0]'), screen);
});
