/**
 * Kills a 1,000-row batch with SIGKILL at random moments (requests in flight, faults on) and resumes
 * it from the last run's journal each time, then lets it finish, and compares every recorded status
 * with what the emulator holds. Prints rows, kills, disagreements, duplicates: all but rows and kills
 * must be 0. Run: npm run build && npx tsx bench/soak-resume.ts [rows] [kills]  (a few minutes)
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

const ROWS = Number(process.argv[2] ?? 1000);
const KILLS = Number(process.argv[3] ?? 24);
const FAULTS = { errorRate: 0.03, throttleRate: 0.03, dropRate: 0.03, latencyMs: 60, jitterMs: 120 } as const;

const cleanup = new Cleanup();
const dataset = makeDataset(ROWS);
const dir = await tempDir(cleanup, 'tcr-soak-');
const csv = await writeCsv(dir, dataset.csv);
const emulator = await startKitEmulator(cleanup, { seed: dataset.seed, ...FAULTS, requestLogSize: 10 });
const args = ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.jsonl', '--force', '--max-attempts', '8'];

const intents = (journal: string): number => readFileSync(journal, 'utf8').split('\n').filter((l) => l.startsWith('{"kind":"intent"')).length;

/** One run, resumed from `journal`; killed after `killAfterMs` of sending, or left to finish. Returns its journal and exit code. */
async function runOnce(journal: string | undefined, killAfterMs?: number): Promise<{ journal: string; code: number | null; inFlight: boolean }> {
  const before = new Set(journalsIn(dir));
  const cli = spawnCli(cleanup, [...args, ...(journal ? ['--resume', journal] : [])], { cwd: dir, env: cliEnv(dir) });
  const mine = await waitFor(() => journalsIn(dir).find((j) => !before.has(j)) ?? (cli.child.exitCode !== null ? 'none' : undefined), 'the run to open its journal', { timeoutMs: 60_000 });
  if (mine === 'none') throw new Error(`the run ended before it opened a journal: ${cli.stderr()}`);
  if (killAfterMs !== undefined) {
    await waitFor(() => cli.child.exitCode !== null || intents(mine) > 0, 'a first send', { timeoutMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, killAfterMs));
    if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
  }
  const exit = await cli.exit;
  return { journal: mine, code: exit.code, inFlight: exit.signal === 'SIGKILL' };
}

const started = performance.now();
let journal: string | undefined;
let kills = 0;
let runs = 0;
while (kills < KILLS) {
  const run = await runOnce(journal, 300 + Math.random() * 2500);
  runs += 1;
  journal = run.journal;
  if (run.inFlight) kills += 1;
  else break; // the batch finished before the next kill
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

console.log(`rows: ${ROWS} (results ${results.length}, missing or repeated ${missing})`);
console.log(`kills: ${kills} (runs ${runs}, ${((performance.now() - started) / 1000).toFixed(0)} s, last exit ${final.code})`);
console.log(`disagreements: ${disagree.length}${disagree.length ? `\n  ${disagree.slice(0, 20).join('\n  ')}` : ''}`);
console.log(`duplicates: ${duplicates.length}${duplicates.length ? ` (${duplicates.join(', ')})` : ''}`);
console.log(`statuses: ${JSON.stringify(counts)}; still unknown: ${unknownLeft.length}`);
await cleanup.run();
process.exitCode = disagree.length + duplicates.length + missing > 0 ? 1 : 0;
