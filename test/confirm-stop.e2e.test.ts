// The confirmation question of a live batch in a real terminal (tmux): "no" is its own exit code (2,
// nothing sent); a signal or Ctrl-C while it waits stops the run like any other, with every row's
// result written (not-sent), the lock removed, the resume line printed, exit 130, the terminal restored.
import test, { type ExecutionContext } from 'ava';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cliEnv, makeDataset, readJsonLines, startKitEmulator, tempDir, writeCsv, type ExportedResult } from './helpers/engine-kit.js';
import { ENDED, startTmux, type TmuxSession } from './helpers/tmux.js';

const QUESTION = /Create \d+ signature policies in .*\? At .*\(y\/N\)/;

async function atTheQuestion(t: ExecutionContext): Promise<{ term: TmuxSession; dir: string; rows: number; creates: () => unknown }> {
  const dataset = makeDataset(12);
  const dir = await tempDir(t);
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed });
  const env = cliEnv(dir) as Record<string, string>;
  const term = await startTmux(t, { args: ['batch', csv, '--endpoint', emulator.url, '--no-tui', '--out', 'results.jsonl'], env, cwd: dir });
  await term.waitFor(QUESTION);
  return { term, dir, rows: dataset.rows.length, creates: () => emulator.state.actionCounts()['CreateSignaturePolicy'] };
}

test('"no" at the confirmation: exit 2, nothing sent, nothing written, the lock removed', async (t) => {
  const { term, dir, creates } = await atTheQuestion(t);
  await term.keys('n');
  await term.keys('Enter');
  const screen = await term.waitFor(ENDED);
  t.regex(screen, /Nothing was sent\./);
  t.regex(screen, /\[exit 2\]/);
  t.regex(screen, /\[tty cooked\]/);
  t.false(existsSync(join(dir, 'results.jsonl')));
  t.false(existsSync(join(dir, 'results.jsonl.lock')));
  t.is(creates(), undefined);
});

for (const stop of ['SIGTERM', 'SIGHUP', 'Ctrl-C'] as const) {
  test(`${stop} at the confirmation: every row not-sent, the lock removed, the resume line, exit 130`, async (t) => {
    const { term, dir, rows, creates } = await atTheQuestion(t);
    if (stop === 'Ctrl-C') await term.keys('C-c');
    else process.kill(await term.cliPid(), stop);
    const screen = await term.waitFor(ENDED);
    t.regex(screen, /Interrupted before sending: nothing was sent\./);
    // A command wider than the pane wraps with a backslash (it still pastes as one): read it joined.
    t.regex(screen.replace(/ \\\n +/g, ' '), /Resume: +tcr-sigpolicy batch .* --resume results\.\S+\.journal\.jsonl --force/);
    t.regex(screen, /\[exit 130\]/);
    t.regex(screen, /\[tty cooked\]/, 'the question gave the terminal back');
    const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
    t.is(results.length, rows);
    // The plan ran before the question: its blocked and skipped rows keep their verdicts, the rest were not sent.
    t.true(results.every((r) => ['not-sent', 'invalid', 'skipped'].includes(r.status)), results.map((r) => r.status).join(' '));
    t.true(results.some((r) => r.status === 'not-sent'));
    t.false(existsSync(join(dir, 'results.jsonl.lock')));
    t.is(creates(), undefined);
  });
}
