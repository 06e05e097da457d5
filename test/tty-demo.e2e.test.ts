// `tcr-sigpolicy demo` in a real terminal (tmux): the Ink dashboard to its final frame, then the export question.
import test from 'ava';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESULT_COLUMNS } from '../src/core/result.js';
import { ENDED, startTmux } from './helpers/tmux.js';

test('demo runs the dashboard to its summary, then exports the results where the user says', async (t) => {
  const cwd = mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-demo-'));
  // Wide enough for the RequestId column of the "needs attention" table beside the longest ErrorCode.
  const term = await startTmux(t, { args: ['demo'], cwd, width: 160 });

  const end = await term.waitFor('Export results?', 60_000);
  t.regex(end, /Finished in [\d.]+ ?m?s/, 'the final frame of the dashboard');
  t.regex(end, /L61 .*tcr-f7g1ir99\/observability/, 'the last row of the sample is on the screen');
  const attention = end.slice(end.indexOf('Needs attention'));
  t.regex(attention, /^Needs attention \(5\)/, 'four blocked by the plan, one refused by the API');
  t.regex(attention, /\n49 +tcr-f7g1ir99\/search .*Blocked\.DomainNotFound/);
  t.regex(attention, /\n53 +tcr-f7g1ir99\/ledger .*UnauthorizedOperation .*[0-9a-f]{8}-/);

  await term.keys('y');
  await term.waitFor(/Format/);
  await term.keys('Down'); // json
  await term.waitFor(/[▸❯>] json/);
  await term.keys('Enter');
  await term.waitFor('sample.results.json', 5000);
  await term.keys('Enter');
  const done = await term.waitFor(ENDED);
  t.true(done.includes('[exit 0]'), done);
  t.regex(done, /^Results: +sample\.results\.json$/m, 'the closing block says where the results are');
  t.true(done.includes('That was a rehearsal'));
  // A row too long for the terminal goes on under its line number, indented.
  t.regex(done, /Wrong on purpose[^\n]*\n((\s+L\d+ .*\n)( {7}\S.*\n)*){8}\n/, 'the closing text lists the eight rows wrong on purpose');
  t.regex(done, /L52 .*billing .*created after 3 attempts: throttled twice/);
  t.true(done.includes('[tty cooked]'), 'the terminal is out of raw mode');

  const results = JSON.parse(readFileSync(join(cwd, 'sample.results.json'), 'utf8')) as Record<string, unknown>[];
  t.is(results.length, 60);
  t.deepEqual(Object.keys(results[0] ?? {}), [...RESULT_COLUMNS]);
  t.is(results.filter((r) => r.status === 'created').length, 54);
  t.deepEqual(results.filter((r) => r.status === 'failed').map((r) => r.ErrorCode), ['UnauthorizedOperation']);
  t.deepEqual(results.filter((r) => r.status === 'invalid').map((r) => r.ErrorCode), ['Blocked.KeyUsage', 'Blocked.KeyNotEnabled', 'Blocked.NamespaceNotFound', 'Blocked.DomainNotFound']);
});
