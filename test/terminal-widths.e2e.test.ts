// Every face at 60, 80, 100 and 140 columns in a real terminal (tmux): nothing the terminal has to
// wrap (a wrapped line is cut wherever the edge falls, mid-word or mid-id), ids whole, and the
// commands printed at the end still one command when pasted.
import test from 'ava';
import { parse } from 'csv-parse/sync';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../src/emulator/index.js';
import { startTestEmulator } from './helpers/emulator-kit.js';
import { ROOT } from './helpers/run-cli.js';
import { ENDED, startTmux } from './helpers/tmux.js';

const CREDENTIALS = { TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID, TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY };
const WIDTHS = [60, 80, 100, 140] as const;

/** The screen's lines (wrapped ones joined again) that were wider than the terminal. */
const tooWide = (screen: string, width: number): string[] => screen.split('\n').filter((line) => stringWidth(line) > width);

function scratch(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-widths-'));
  copyFileSync(join(ROOT, 'fixtures', 'sample.csv'), join(cwd, 'policies.csv'));
  return cwd;
}

for (const width of WIDTHS) {
  test.serial(`${width} columns: a batch's dashboard, coverage and closing lines fit; RequestIds whole; the resume line pastes as one command`, async (t) => {
    const emulator = await startTestEmulator();
    t.teardown(() => emulator.close());
    const cwd = scratch();
    // 24 rows: the final frame is taller than the terminal, which Ink ends without a newline.
    const term = await startTmux(t, { args: ['batch', 'policies.csv', '--endpoint', emulator.url, '--yes', '--out', 'results.csv'], env: CREDENTIALS, cwd, width, height: 24 });
    const screen = await term.waitFor(ENDED, 90_000);
    t.true(screen.includes('[exit 1]'), screen);
    t.deepEqual(tooWide(screen, width), [], 'no line wider than the terminal');
    t.regex(screen, /^Finished in \S+ with 1 failed row\.\nCoverage now:/m, 'the outcome and the coverage on lines of their own');
    const results = parse(readFileSync(join(cwd, 'results.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const failedIds = results.filter((r) => r.status === 'failed').map((r) => r.RequestId);
    t.is(failedIds.length, 1, 'the Domain row is blocked by the plan; the Denied namespace fails live');
    const attention = screen.slice(screen.indexOf('Needs attention'), screen.indexOf('Finished in'));
    for (const id of failedIds) t.true(attention.includes(id ?? '-'), `RequestId ${id} whole in the table`);
    t.true(attention.includes('2c3d4e5f-4b7d-11ee-9c3a-525400445566'), 'the KMS key id in a reason is not split');
    // The resume command, however it was wrapped, is one command once the shell joins its lines.
    const resume = screen.slice(screen.indexOf('Resume:'), screen.indexOf('(sends only')).trim().replace(/ \\\n +/g, ' ');
    t.is(resume, `Resume:    tcr-sigpolicy batch policies.csv --endpoint ${emulator.url} --yes --out results.csv --resume ${/--resume (\S+)/.exec(resume)?.[1]} --force`);
    t.regex(screen, /^Roll back: tcr-sigpolicy rollback results\.csv\b/m);
  });
}

for (const width of WIDTHS) {
  test.serial(`${width} columns: the wizard's menu and its CSV summary fit, cut at the end of a hint rather than wrapped`, async (t) => {
    const emulator = await startTestEmulator();
    t.teardown(() => emulator.close());
    const term = await startTmux(t, { args: ['--endpoint', emulator.url], env: CREDENTIALS, cwd: ROOT, width, height: 50 });
    const menu = await term.waitFor('Show signing coverage');
    t.deepEqual(tooWide(menu, width), []);
    if (width >= 80) t.true(menu.includes('(every registry: how many namespaces sign; reads only)'), 'wide enough: hints whole');
    else t.regex(menu, /Show signing coverage \(every registry[^\n]*…\)\n/, 'a hint that does not fit is cut, with an ellipsis');
    await term.pointTo('Preview a CSV file');
    await term.keys('Enter');
    await term.waitFor('CSV file');
    await term.typeAnswer('fixtures/bad/many-problems.csv');
    await term.keys('Enter');
    const summary = await term.waitFor(/Dry run/);
    t.deepEqual(tooWide(summary, width), []);
    t.regex(summary, /11 rows, 2 valid, 9 invalid/);
    t.regex(summary, /^ {2}line +Region +RegistryId +NamespaceName/m, 'the table keeps its first columns');
    await term.keys('C-c');
    await term.waitFor(ENDED);
  });
}

test.serial('60 columns: the demo\'s closing text wraps between words under its labels', async (t) => {
  const term = await startTmux(t, { args: ['demo'], cwd: mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-widths-')), width: 60, height: 50 });
  await term.waitFor('Export results?', 60_000);
  await term.keys('n');
  const screen = await term.waitFor(ENDED);
  t.true(screen.includes('[exit 0]'), screen);
  t.deepEqual(tooWide(screen, 60), []);
  t.regex(screen, /^ {2}L52 {2}ap-singapore tcr-f7g1ir99\/billing created after 3\n {7}attempts:/m, 'a row wraps under its line number');
  t.regex(screen, /^ {2}2\. export TENCENTCLOUD_SECRET_ID=… \\\n {5}TENCENTCLOUD_SECRET_KEY=…\n {5}\(or pass --profile NAME\)$/m, 'a step\'s command wraps with a backslash, its note below');
});

test.serial('a long list opens scrolled to its default with the pointer on it, Down moves from there, and typing filters', async (t) => {
  const emulator = await startTestEmulator();
  t.teardown(() => emulator.close());
  const term = await startTmux(t, { args: ['--endpoint', emulator.url, '--region', 'ap-tokyo'], env: CREDENTIALS, cwd: ROOT, width: 80, height: 30 });
  await term.waitFor('What would you like to do?');
  await term.keys('Enter');
  const regions = await term.waitFor(/Region of the registry[^\n]*\n(.*\n)*[▸❯>] ap-tokyo\n/);
  t.regex(regions, /ap-tokyo\n {2}eu-frankfurt/, 'the lines after the default show too');
  await term.keys('Down');
  await term.waitFor(/[▸❯>] eu-frankfurt\n/);
  await term.keys('Up', 'Up');
  await term.waitFor(/[▸❯>] ap-singapore\n/);
  await term.type('shang');
  const filtered = await term.waitFor(/Region of the registry[^\n]*shang\n/);
  const list = filtered.slice(filtered.lastIndexOf('Region of the registry')).split('\n').slice(1).filter(Boolean);
  t.deepEqual(list.map((l) => l.replace(/^[▸❯>]? +|^[▸❯>] /, '').trim()), ['ap-shanghai', 'ap-shanghai-fsi'], 'only the matching regions are left');
  await term.keys('Enter');
  t.regex(await term.waitFor('Registry'), /Region of the registry · ap-shanghai\b/);
  await term.keys('C-c');
  await term.waitFor(ENDED);
});
