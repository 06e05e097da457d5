/**
 * What journaling an intent before every attempt costs: runs one or more builds of the CLI (e.g. the
 * one before intents and this one) on the same rows against the emulator at the --rate 20 cap, and
 * prints wall time, the pace while sending, CPU per extra row and fdatasync calls per row (by strace).
 * Run: npm run build && npx tsx bench/intent-cost.ts [rows] [label=path/to/cli.js ...]
 * (default: this build only; build another commit into a folder of its own to compare.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type EmulatorHandle, type EmulatorSeed } from '../src/emulator/index.js';

const ROWS = Number(process.argv[2] ?? 600);
const builds = (process.argv.length > 3 ? process.argv.slice(3) : [`this=${join(import.meta.dirname, '..', 'dist', 'cli.js')}`]).map((b) => {
  const [label, path] = b.split('=') as [string, string];
  return { label, path };
});
const KEY = '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3';
const credential = { secretId: 'AKIDbenchintentcost00000000000000', secretKey: 'benchIntentCostSecretKey0000000000' };
const namespaces = Array.from({ length: ROWS }, (_, i) => `team-${i}`);
const seed: EmulatorSeed = {
  registries: [{ RegistryId: 'tcr-bench01', Region: 'ap-guangzhou', Namespaces: namespaces }],
  kmsKeys: [{ KeyId: KEY, Region: 'ap-guangzhou', KeyState: 'Enabled', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
};

interface Run { seconds: number; cpuSeconds: number; syncs: number; syncUs: number; pace: number }

/** One run of `cli` on the first `count` rows, under strace counting fdatasync (its CPU is the CLI's, by /usr/bin/time). */
async function runTool(cli: string, count: number): Promise<Run> {
  const emu: EmulatorHandle = await startEmulator({ port: 0, seed, credentials: [credential], latencyMs: 100, jitterMs: 200, requestLogSize: count * 2 });
  const dir = mkdtempSync(join(tmpdir(), 'tcr-intent-'));
  const csv = join(dir, 'rows.csv');
  writeFileSync(csv, ['Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion', ...namespaces.slice(0, count).map((ns) => `ap-guangzhou,tcr-bench01,${ns},${ns}-signing,${KEY},ap-guangzhou`)].join('\n'));
  const trace = join(dir, 'strace.txt');
  const t = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%U %S', 'strace', '-f', '--seccomp-bpf', '-c', '-e', 'trace=fdatasync', '-o', trace, process.execPath, cli, 'batch', csv, '--endpoint', emu.url, '--yes', '--no-tui', '--out', join(dir, 'out.jsonl')], {
    cwd: dir,
    env: { ...process.env, TENCENTCLOUD_SECRET_ID: credential.secretId, TENCENTCLOUD_SECRET_KEY: credential.secretKey },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise((resolve) => child.on('exit', resolve));
  const seconds = (performance.now() - t) / 1000;
  const [user, sys] = (stderr.trim().split('\n').pop() ?? '0 0').split(' ').map(Number);
  // strace -c columns: % time, seconds, usecs/call, calls, [errors,] syscall.
  const cells = readFileSync(trace, 'utf8').split('\n').find((l) => l.trim().endsWith(' fdatasync'))?.trim().split(/\s+/) ?? [];
  const syncs = Number(cells[3] ?? 0);
  const syncUs = Number(cells[2] ?? 0);
  const arrivals = emu.state.recentRequests().filter((r) => r.action === 'CreateSignaturePolicy').map((r) => Date.parse(r.receivedAt)).sort((a, b) => a - b);
  const span = ((arrivals[arrivals.length - 1] ?? 0) - (arrivals[0] ?? 0)) / 1000;
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
  return { seconds, cpuSeconds: (user ?? 0) + (sys ?? 0), syncs, syncUs, pace: span > 0 ? (arrivals.length - 1) / span : 0 };
}

console.log(`${ROWS} rows at --rate 20, emulator latency 100-300 ms; CPU per row = (full run - tenth run) / extra rows (strace adds its own overhead to both)\n`);
console.log('| build | wall s | pace while sending (req/s) | CPU ms/row | fdatasync per row | µs per fdatasync |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const { label, path } of builds) {
  const tenth = await runTool(path, ROWS / 10);
  const full = await runTool(path, ROWS);
  const perRow = ((full.cpuSeconds - tenth.cpuSeconds) * 1000) / (ROWS - ROWS / 10);
  console.log(`| ${label} | ${full.seconds.toFixed(1)} | ${full.pace.toFixed(2)} | ${perRow.toFixed(2)} | ${(full.syncs / ROWS).toFixed(2)} | ${full.syncUs} |`);
}
