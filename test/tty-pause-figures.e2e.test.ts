// The dashboard's figures in a real terminal: while paused the rate and the ETA hold still, and a
// resumed run's progress counts the whole batch, agreeing with the counters beside it.
import test from 'ava';
import { join } from 'node:path';
import { TEST_SECRET_ID, TEST_SECRET_KEY, makeDataset, startKitEmulator, tempDir, writeCsv } from './helpers/engine-kit.js';
import { ENDED, startTmux } from './helpers/tmux.js';

const CREDENTIALS = { TENCENTCLOUD_SECRET_ID: TEST_SECRET_ID, TENCENTCLOUD_SECRET_KEY: TEST_SECRET_KEY };
/** ` 12/60 20%  2.0/s  elapsed 6.1s  ETA 24s`: done, total, rate, elapsed (s), ETA. */
const PROGRESS = /(\d+)\/(\d+) \d+%\s+(\S+\/s)\s+elapsed (\d+(?:\.\d+)?)s(?:\s+ETA (\S+))?/;

function figures(screen: string): { done: number; total: number; rate: string; elapsed: number; eta: string | undefined } | undefined {
  const lines = screen.split('\n').filter((l) => PROGRESS.test(l));
  const m = PROGRESS.exec(lines.at(-1) ?? '');
  return m ? { done: Number(m[1]), total: Number(m[2]), rate: m[3] as string, elapsed: Number(m[4]), eta: m[5] } : undefined;
}

test('paused: the rate and ETA hold still while elapsed runs on; resumed from the journal: done/total is the whole batch', async (t) => {
  const dir = await tempDir(t);
  const { csv, seed, rows } = makeDataset(60);
  const emulator = await startKitEmulator(t, { seed });
  const file = await writeCsv(dir, csv);
  const first = await startTmux(t, {
    args: ['batch', file, '--endpoint', emulator.url, '--yes', '--rate', '2', '--out', 'first.csv'],
    cwd: dir, env: CREDENTIALS, width: 120,
  });
  await first.waitFor((s) => (figures(s)?.eta ?? '') !== '' && (figures(s)?.done ?? 0) >= 12, 60_000);
  await first.keys('p');
  const pressed = figures(await first.waitFor(/PAUSED/));
  // The header says PAUSED at the key press; the runner's figures follow at its next report.
  const atPause = figures(await first.waitFor((s) => /PAUSED/.test(s) && (figures(s)?.elapsed ?? 0) >= (pressed?.elapsed ?? 0) + 1, 30_000));
  t.truthy(atPause);
  // Three seconds of the run's own clock later, the rate over its window would have fallen without the hold.
  const later = figures(await first.waitFor((s) => /PAUSED/.test(s) && (figures(s)?.elapsed ?? 0) >= (atPause?.elapsed ?? 0) + 3, 30_000));
  t.is(later?.rate, atPause?.rate, 'the rate holds still while paused');
  t.is(later?.eta, atPause?.eta, 'the ETA holds still while paused');
  t.is(later?.done, atPause?.done, 'nothing was sent while paused');
  await first.keys('q');
  await first.waitFor(ENDED, 60_000);

  const second = await startTmux(t, {
    args: ['batch', file, '--endpoint', emulator.url, '--yes', '--resume', join(dir, 'first.csv'), '--out', 'second.csv'],
    cwd: dir, env: CREDENTIALS, width: 120,
  });
  const end = await second.waitFor(ENDED, 60_000);
  const done = figures(end);
  t.is(done?.total, rows.length, 'the total is the whole batch, not only the rows this run sent');
  t.is(done?.done, rows.length);
  const counters = /created (\d+)\s+failed (\d+)\s+invalid (\d+)\s+skipped (\d+)/.exec(end);
  t.truthy(counters, end);
  t.is(counters ? counters.slice(1).reduce((n, c) => n + Number(c), 0) : 0, rows.length, 'the counters and the progress agree');
});
