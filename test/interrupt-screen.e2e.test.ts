// Ctrl-C in a real terminal (tmux): the screen says what was done, what was not sent, and the command to resume.
import test from 'ava';
import { join } from 'node:path';
import { batchSetup } from './helpers/first-hour-kit.js';
import { readJsonLines, runCli, cliEnv, type ExportedResult } from './helpers/engine-kit.js';
import { ENDED, startTmux } from './helpers/tmux.js';

for (const face of ['dashboard', 'plain'] as const) {
  test(`${face}: Ctrl-C prints the rows done and not sent and a --resume command that, pasted, finishes the batch`, async (t) => {
    const { dir, csv, dataset, emulator, env } = await batchSetup(t, 120, 100);
    const args = ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-preflight', '--rate', '10', '--out', 'results.jsonl', ...(face === 'plain' ? ['--no-tui'] : [])];
    const term = await startTmux(t, { args, cwd: dir, env, width: 120 });
    await term.waitFor(face === 'plain' ? /\[ *10\/120\]/ : /L1[0-9] /, 30_000);
    await term.keys('C-c');
    const screen = await term.waitFor(ENDED, 30_000);

    t.true(screen.includes('[exit 130]'), screen);
    const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
    const notSent = results.filter((r) => r.status === 'not-sent').length;
    t.true(notSent > 0, 'the stop left rows unsent');
    if (face === 'dashboard') {
      t.regex(screen, new RegExp(`Interrupted after [^:]+: ${120 - notSent} of 120 rows done, ${notSent} not sent\\.`));
      t.notRegex(screen, /100%/, 'the bar does not claim the unsent rows');
      t.regex(screen, new RegExp(`${120 - notSent}/120 \\d+%  ${notSent} not sent`));
    } else {
      t.regex(screen, new RegExp(`Interrupted in [^:]+: .*${notSent} not-sent`));
      t.regex(screen, new RegExp(`not-sent ${notSent} rows \\(lines [0-9, -]+\\): the run stopped before sending them`));
    }
    // Wrapped to the terminal with backslash-newlines, which the shell joins again when it is pasted.
    const resume = /^Resume: +(tcr-sigpolicy .*)$/m.exec(screen.replace(/ \\\n +/g, ' '))?.[1];
    // --force (to replace the first --out) where the command has it.
    t.regex(resume ?? '', new RegExp(`^tcr-sigpolicy ${args.join(' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} --resume results\\.\\d{8}T\\d{6}Z-[0-9a-f]{6}\\.journal\\.jsonl( --force)?$`));
    t.regex(screen, /Roll back: tcr-sigpolicy rollback results.jsonl/);

    // Pasted as printed (the paths hold no characters that need quoting), it sends only the rest.
    const words = (resume ?? '').split(' ').slice(1);
    const run = await runCli(t, words, { cwd: dir, env: cliEnv(dir) });
    t.is(run.code, 1, run.stderr); // the dataset's business errors fail again
    const resumed = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
    t.is(resumed.length, dataset.rows.length);
    t.is(resumed.filter((r) => r.status === 'not-sent').length, 0, 'every row was dealt with');
  });
}
