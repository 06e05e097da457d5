/**
 * Signs N tags over R repositories (default 10,000 over 40, every tag unsigned) with the built CLI and
 * `--yes` against the emulator (60 ± 60 ms latency on the lists and the signing), and prints:
 * - the CreateSignature pace as the emulator received it (over the whole signing, and while the listing
 *   was still going on) and the busiest second, which must never pass 20;
 * - the wall time, and when the first CreateSignature arrived against when the last DescribeImages was
 *   answered (signing starts while the listing goes on);
 * - the CLI's memory, from /proc: its peak (VmHWM) and its RSS at each tenth of the run (flat, not
 *   growing with the tags signed);
 * - the throttled answers, and the load average before and after.
 * Run: npm run build && npx tsx bench/sign-images.ts [tags] [repositories]   (10,000 tags: about 9 minutes)
 * UNSIGNED_EVERY=100: one tag in 100 unsigned (a long listing, little signing: what pipelining saves);
 * CLI=/path/to/dist/cli.js: another build (an older one, for before/after).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { CLI_PATH, Cleanup, cliEnv, maxInWindow, startKitEmulator, tempDir } from '../test/helpers/engine-kit.js';
import { IMAGES_REGISTRY, imagesSeed, LISTS_AND_SIGNS } from '../test/helpers/images-kit.js';

const TAGS = Number(process.argv[2] ?? 10_000);
const REPOSITORIES = Number(process.argv[3] ?? 40);
const UNSIGNED_EVERY = Number(process.env.UNSIGNED_EVERY ?? 1);
const CLI = process.env.CLI || CLI_PATH;
const seed = imagesSeed({ repositories: REPOSITORIES, tags: Math.ceil(TAGS / REPOSITORIES), unsignedEvery: UNSIGNED_EVERY });

/** The CLI's memory from /proc, in kB: its RSS now and its peak so far (undefined once it has gone). */
function memoryOf(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

const loadBefore = loadavg();
const cleanup = new Cleanup();
const dir = await tempDir(cleanup, 'tcr-bench-images-');
const emulator = await startKitEmulator(cleanup, { seed, latencyMs: 0, jitterMs: 120, faultActions: LISTS_AND_SIGNS, requestLogSize: TAGS + 2_000 });
const started = Date.now();
const samples: { at: number; rss: number }[] = [];
let peakKb = 0;
// Spawned, not spawnSync: the emulator answers from this very process.
const run = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
  const child = spawn(process.execPath, [CLI, 'sign-images', '--registry-id', IMAGES_REGISTRY, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', join(dir, 'signed.csv')], {
    cwd: dir, env: cliEnv(dir), stdio: ['ignore', 'ignore', 'pipe'],
  });
  const poll = setInterval(() => {
    const memory = child.pid === undefined ? undefined : memoryOf(child.pid);
    if (!memory) return;
    samples.push({ at: Date.now() - started, rss: memory.rss });
    peakKb = Math.max(peakKb, memory.peak);
  }, 250);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  child.on('error', reject);
  child.on('close', (status) => {
    clearInterval(poll);
    resolve({ status, stderr });
  });
});
const wallMs = Date.now() - started;

const log = emulator.state.recentRequests();
const of = (action: string) => log.filter((r) => r.action === action);
const signs = of('CreateSignature').map((r) => Date.parse(r.receivedAt)).sort((a, b) => a - b);
const listEnd = Math.max(...of('DescribeImages').map((r) => Date.parse(r.answeredAt)));
const firstSign = signs[0] ?? NaN;
const lastSign = signs.at(-1) ?? NaN;
const spanS = (lastSign - firstSign) / 1000;
const whileListing = signs.filter((at) => at <= listEnd);
// When the CLI let each attempt go (its journal's intents, written right before sending): tells the
// CLI's own spacing apart from bunching on the way to, or inside, the emulator sharing this process.
const journal = readdirSync(dir).find((name) => name.endsWith('.jsonl'));
const intentLines = journal === undefined ? [] : readFileSync(join(dir, journal), 'utf8').split('\n').filter((line) => line.includes('"intent"')).map((line) => JSON.parse(line) as { key: string; attempt: number; at: string });
const intents = intentLines.map((line) => Date.parse(line.at));
// From intent to arrival, attempt by attempt (the n-th arrival of a tag is its n-th attempt): the CLI's
// journal sync and request, the loopback, and the emulator's own stamping on a shared CPU.
const arrivalsOf = new Map<string, number[]>();
for (const r of of('CreateSignature')) {
  const b = JSON.parse(r.body) as Record<string, string>;
  const key = `${b.RegistryId}/${b.NamespaceName}/${b.RepositoryName}:${b.ImageVersion}`;
  arrivalsOf.set(key, [...(arrivalsOf.get(key) ?? []), Date.parse(r.receivedAt)]);
}
const lagged = intentLines.flatMap((line) => {
  const arrived = arrivalsOf.get(line.key)?.[line.attempt - 1];
  return arrived === undefined ? [] : [{ at: arrived - started, lag: arrived - Date.parse(line.at) }];
});
const lags = lagged.map((l) => l.lag).sort((a, b) => a - b);
const worstLag = lagged.reduce((w, l) => (l.lag > w.lag ? l : w), { at: NaN, lag: -Infinity });
/** Where the busiest second of `times` begins, from the start. */
const busiestAt = (times: readonly number[]): number => {
  let best = { n: 0, at: NaN };
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] as number) - (times[j] as number) >= 1000) j++;
    if (i - j + 1 > best.n) best = { n: i - j + 1, at: (times[j] as number) - started };
  }
  return best.at;
};
const pct = (p: number): number => lags[Math.min(lags.length - 1, Math.floor(p * lags.length))] ?? NaN;
const throttled = of('CreateSignature').filter((r) => r.outcome.startsWith('RequestLimitExceeded')).length;
const signed = Object.keys(emulator.state.successfulSignatures()).length;
const mb = (kb: number): string => (kb / 1024).toFixed(0);
const tenths = Array.from({ length: 9 }, (_, i) => samples[Math.floor(((i + 1) * samples.length) / 10)]).filter((s) => s !== undefined);
const fmtLoad = (l: number[]): string => l.map((x) => x.toFixed(2)).join(' ');

process.stdout.write([
  `${CLI === CLI_PATH ? 'this build' : CLI}: tags ${TAGS} over ${REPOSITORIES} repositories, one in ${UNSIGNED_EVERY} unsigned; exit ${run.status}; load average before ${fmtLoad(loadBefore)}, after ${fmtLoad(loadavg())}`,
  `CreateSignature: ${signs.length} requests, ${signed} tags signed, ${throttled} throttled; pace ${(signs.length / Math.max(spanS, 1e-9)).toFixed(2)} req/s over ${spanS.toFixed(1)} s, busiest second ${maxInWindow(signs)} as received (${maxInWindow(intents)} as the CLI sent them, from ${intents.length} journal intents)`,
  `from journal intent to arrival: p50 ${pct(0.5)} ms, p90 ${pct(0.9)} ms, p99 ${pct(0.99)} ms, max ${lags.at(-1)} ms at ${(worstLag.at / 1000).toFixed(1)} s (${lags.length} attempts matched); the busiest second as received began at ${(busiestAt(signs) / 1000).toFixed(1)} s`,
  `listing: last DescribeImages answered ${((listEnd - started) / 1000).toFixed(2)} s after the start (${of('DescribeImages').length} DescribeImages, ${of('DescribeRepositories').length} DescribeRepositories); first CreateSignature arrived ${((firstSign - started) / 1000).toFixed(2)} s after the start`,
  `while listing: ${whileListing.length} CreateSignature arrived${whileListing.length > 1 ? ` (${((whileListing.length - 1) / (((whileListing.at(-1) as number) - firstSign) / 1000 || 1e-9)).toFixed(2)} req/s)` : ''}`,
  `wall ${(wallMs / 1000).toFixed(1)} s; peak memory ${mb(peakKb)} MB; RSS at each tenth of the run: ${tenths.map((s) => mb(s.rss)).join(', ')} MB`,
  '',
].join('\n'));
if (run.status !== 0) process.stdout.write(run.stderr.slice(-2000));
await cleanup.run();
