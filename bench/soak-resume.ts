/**
 * Kills a 660-row batch with SIGKILL at random moments (faults on writes and reads) and resumes it
 * each time, then lets it finish, compares every recorded status with what the emulator holds, and
 * rolls the last results file back. A kill lands either in the first 50 ms after a run opens its
 * journal (while a resumed run copies the batch's record forward) or 0.3-2.8 s into its sending
 * (requests in flight); one resume in five starts from an older journal than the last. Prints rows,
 * kills, wrongly recorded rows, duplicates and what the rollback left: all but rows and kills must be 0.
 * Run: npm run build && npx tsx bench/soak-resume.ts [rows] [kills]  (a few minutes)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { disagreements, duplicateCreates } from '../test/helpers/agreement.js';
import {
  Cleanup,
  cliEnv,
  journalsIn,
  keyOf,
  makeDataset,
  readJsonLines,
  spawnCli,
  startKitEmulator,
  tempDir,
  waitFor,
  writeCsv,
  type ExportedResult,
} from '../test/helpers/engine-kit.js';

const ROWS = Number(process.argv[2] ?? 660);
const KILLS = Number(process.argv[3] ?? 25);
const READS = ['DescribeInstances', 'DescribeNamespaces', 'DescribeKeys', 'ListKeyDetail', 'DescribeRegions'];
const FAULTS = { errorRate: 0.03, throttleRate: 0.03, dropRate: 0.03, latencyMs: 60, jitterMs: 120, faultActions: ['CreateSignaturePolicy', ...READS] } as const;

const cleanup = new Cleanup();
const dataset = makeDataset(ROWS);
const dir = await tempDir(cleanup, 'tcr-soak-');
const csv = await writeCsv(dir, dataset.csv);
const emulator = await startKitEmulator(cleanup, { seed: dataset.seed, ...FAULTS, requestLogSize: 10 });
const args = ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.jsonl', '--force', '--max-attempts', '8'];

/** Intents a run wrote of its own (those carried forward from earlier runs name them in `from`). */
const ownIntents = (journal: string): number =>
  readFileSync(journal, 'utf8').split('\n').filter((l) => l.startsWith('{"kind":"intent"') && !l.includes('"from":')).length;

/** When a run is killed: so many ms after it opens its journal, or after its first send of its own. */
type KillAt = { readonly afterJournalMs: number } | { readonly afterSendMs: number };

/** One run, resumed from `journal`; killed as `kill` says, or left to finish. Returns its journal and exit code. */
async function runOnce(journal: string | undefined, kill?: KillAt): Promise<{ journal: string; code: number | null; killed: boolean }> {
  const before = new Set(journalsIn(dir));
  const cli = spawnCli(cleanup, [...args, ...(journal ? ['--resume', journal] : [])], { cwd: dir, env: cliEnv(dir) });
  const mine = await waitFor(() => journalsIn(dir).find((j) => !before.has(j)) ?? (cli.child.exitCode !== null ? 'none' : undefined), 'the run to open its journal', { timeoutMs: 120_000, intervalMs: 2 });
  if (mine === 'none') throw new Error(`the run ended before it opened a journal: ${cli.stderr()}`);
  if (kill && 'afterJournalMs' in kill) {
    await new Promise((resolve) => setTimeout(resolve, kill.afterJournalMs));
  } else if (kill) {
    await waitFor(() => cli.child.exitCode !== null || ownIntents(mine) > 0, 'a first send', { timeoutMs: 120_000 });
    await new Promise((resolve) => setTimeout(resolve, kill.afterSendMs));
  }
  if (kill && cli.child.exitCode === null) cli.child.kill('SIGKILL');
  const exit = await cli.exit;
  return { journal: mine, code: exit.code, killed: exit.signal === 'SIGKILL' };
}

const started = performance.now();
let journal: string | undefined;
let kills = 0;
let early = 0;
let older = 0;
let runs = 0;
while (kills < KILLS) {
  // The first run has nothing to copy forward: its kills come while it sends.
  const atStart = journal !== undefined && Math.random() < 0.4;
  const run = await runOnce(journal, atStart ? { afterJournalMs: Math.random() * 50 } : { afterSendMs: 300 + Math.random() * 2500 });
  runs += 1;
  journal = run.journal;
  if (!run.killed) break; // the batch finished before the next kill
  kills += 1;
  if (atStart) early += 1;
  // Now and then the user resumes an older journal than the last: the later runs' journals beside it count too.
  const all = journalsIn(dir);
  if (all.length > 2 && Math.random() < 0.2) {
    journal = all[Math.floor(Math.random() * (all.length - 1))];
    older += 1;
  }
}
// Then let it finish; a resume also settles rows that ran out of attempts on faults.
let final = await runOnce(journal);
runs += 1;
for (let again = 0; again < 3 && readJsonLines<ExportedResult>(join(dir, 'results.jsonl')).some((r) => r.status === 'failed' && r.ErrorCode !== 'ResourceNotFound' && !r.ErrorCode.startsWith('InvalidParameter')); again++) {
  final = await runOnce(final.journal);
  runs += 1;
}

const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
const lines = new Set(results.map((r) => r.line));
const counts: Record<string, number> = {};
for (const r of results) counts[`${r.status}${r.ErrorCode ? ` ${r.ErrorCode}` : ''}`] = (counts[`${r.status}${r.ErrorCode ? ` ${r.ErrorCode}` : ''}`] ?? 0) + 1;
const disagree = disagreements(emulator, dataset.seed, results);
const missing = dataset.rows.filter((r) => !lines.has(r.line)).length + (results.length - lines.size);
const duplicates = duplicateCreates(emulator);
const unknownLeft = results.filter((r) => r.ErrorCode === 'OutcomeUnknown').map(keyOf);

// The last results file is the one to roll back: after it, only the seed's policies are left.
const rollback = spawnCli(cleanup, ['rollback', 'results.jsonl', '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'rollback.jsonl', '--force', '--max-attempts', '8'], { cwd: dir, env: cliEnv(dir) });
const rolledBack = await rollback.exit;
const seeded = new Set((dataset.seed.policies ?? []).map(keyOf));
const left = emulator.state.policies().filter((p) => !seeded.has(keyOf(p))).length;

console.log(`rows: ${ROWS} (results ${results.length}, missing or repeated ${missing})`);
console.log(`kills: ${kills} (${early} in the first 50 ms after a run opened its journal; ${older} resumes from an older journal; runs ${runs}, ${((performance.now() - started) / 1000).toFixed(0)} s, last exit ${final.code})`);
console.log(`wrongly recorded: ${disagree.length}${disagree.length ? `\n  ${disagree.slice(0, 20).join('\n  ')}` : ''}`);
console.log(`duplicates: ${duplicates.length}${duplicates.length ? ` (${duplicates.join(', ')})` : ''}`);
console.log(`statuses: ${JSON.stringify(counts)}; still unknown: ${unknownLeft.length}`);
console.log(`rollback of the last results: exit ${rolledBack.code}, ${left} policies of the batch left`);
await cleanup.run();
process.exitCode = disagree.length + duplicates.length + missing + left > 0 || rolledBack.code !== 0 ? 1 : 0;
