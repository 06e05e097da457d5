/**
 * Three ways to send 600 CreateSignaturePolicy requests against the emulator with 200 ms ± 100 ms of
 * latency, side by side: a naive serial loop over the SDK, a naive unthrottled Promise.all, and this
 * tool (the built CLI, `batch --rate 20 --yes --no-tui`). Prints rate, throttled answers, rows lost
 * and CPU per row. Run: npm run build && npx tsx bench/throughput.ts [rows]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tcr/v20190924/tcr_client.js';
import { startEmulator, type EmulatorHandle, type EmulatorSeed } from '../src/services/emulator/index.js';

const ROWS = Number(process.argv[2] ?? 600);
const KEY = '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3';
const credential = { secretId: 'AKIDbenchthroughput000000000000000', secretKey: 'benchThroughputSecretKey0000000000' };
const dir = mkdtempSync(join(tmpdir(), 'tcr-bench-'));
const namespaces = Array.from({ length: ROWS }, (_, i) => `team-${i}`);
const seed: EmulatorSeed = {
  registries: [{ RegistryId: 'tcr-bench01', Region: 'ap-guangzhou', Namespaces: namespaces }],
  kmsKeys: [{ KeyId: KEY, Region: 'ap-guangzhou', KeyState: 'Enabled', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
};
const body = (ns: string) => ({ RegistryId: 'tcr-bench01', Name: `${ns}-signing`, NamespaceName: ns, KmsId: KEY, KmsRegion: 'ap-guangzhou' });

interface Row { way: string; seconds: number; rate: number; pace: number; throttled: number; created: number; lost: number; cpuMsPerRow: number }

async function emulator(): Promise<EmulatorHandle> {
  return startEmulator({ port: 0, seed, credentials: [credential], latencyMs: 100, jitterMs: 200, requestLogSize: ROWS * 2 });
}

function client(url: string): Client {
  return new Client({ credential, region: 'ap-guangzhou', profile: { httpProfile: { endpoint: url.replace('http://', ''), protocol: 'http://', reqTimeout: 30 } } });
}

function tally(way: string, emu: EmulatorHandle, seconds: number, cpuMs: number, rows: number): Row {
  const counts = emu.state.actionCounts().CreateSignaturePolicy?.outcomes ?? {};
  const created = emu.state.policies().length;
  const throttled = Object.entries(counts).filter(([k]) => k.startsWith('RequestLimitExceeded')).reduce((n, [, v]) => n + v, 0);
  // The pace while sending: creates that arrived, over the time from the first arrival to the last.
  const arrivals = emu.state.recentRequests().filter((r) => r.action === 'CreateSignaturePolicy').map((r) => Date.parse(r.receivedAt)).sort((a, b) => a - b);
  const span = ((arrivals[arrivals.length - 1] ?? 0) - (arrivals[0] ?? 0)) / 1000;
  const pace = span > 0 ? (arrivals.length - 1) / span : 0;
  return { way, seconds, rate: created / seconds, pace, throttled, created, lost: ROWS - created, cpuMsPerRow: cpuMs / rows };
}

async function inProcess(way: string, send: (c: Client) => Promise<void>): Promise<Row> {
  const emu = await emulator();
  const cpu = process.cpuUsage();
  const t = performance.now();
  await send(client(emu.url));
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  // The emulator shares this process: its CPU is in the figure too, so it is an upper bound.
  const row = tally(way, emu, seconds, (used.user + used.system) / 1000, ROWS);
  await emu.close();
  return row;
}

/** Runs the built CLI on the first `count` rows; returns its wall time, CPU seconds and exported row count. */
async function runTool(emu: EmulatorHandle, count: number): Promise<{ seconds: number; cpuSeconds: number; rows: number }> {
  const csv = join(dir, `rows-${count}.csv`);
  writeFileSync(csv, ['Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion', ...namespaces.slice(0, count).map((ns) => `ap-guangzhou,tcr-bench01,${ns},${ns}-signing,${KEY},ap-guangzhou`)].join('\n'));
  const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');
  const t = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%U %S', process.execPath, cli, 'batch', csv, '--endpoint', emu.url, '--yes', '--no-tui', '--out', join(dir, 'out.jsonl')], {
    env: { ...process.env, TENCENTCLOUD_SECRET_ID: credential.secretId, TENCENTCLOUD_SECRET_KEY: credential.secretKey },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise((resolve) => child.on('exit', resolve));
  const seconds = (performance.now() - t) / 1000;
  const [user, sys] = (stderr.trim().split('\n').pop() ?? '0 0').split(' ').map(Number);
  const rows = readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n').length;
  return { seconds, cpuSeconds: (user ?? 0) + (sys ?? 0), rows };
}

async function viaTool(): Promise<Row> {
  // CPU per row is the difference between a full run and a tenth of one, so start-up (loading the
  // SDK, reading the CSV, the plan's reads) is not spread over the rows.
  const small = await emulator();
  const tenth = await runTool(small, ROWS / 10);
  await small.close();
  const emu = await emulator();
  const full = await runTool(emu, ROWS);
  const marginalMs = ((full.cpuSeconds - tenth.cpuSeconds) * 1000) / (ROWS - ROWS / 10);
  const row = tally('tcr-sigpolicy --rate 20', emu, full.seconds, marginalMs * ROWS, ROWS);
  await emu.close();
  console.log(`tool start-up and plan: ${(tenth.cpuSeconds * 1000 - marginalMs * (ROWS / 10)).toFixed(0)} ms CPU once per run`);
  return { ...row, lost: ROWS - full.rows };
}

const results: Row[] = [];
results.push(await inProcess('serial loop', async (c) => {
  for (const ns of namespaces) await c.request('CreateSignaturePolicy', body(ns)).catch(() => undefined);
}));
results.push(await inProcess('Promise.all', async (c) => {
  await Promise.all(namespaces.map((ns) => c.request('CreateSignaturePolicy', body(ns)).catch(() => undefined)));
}));
results.push(await viaTool());

console.log(`${ROWS} rows, emulator latency 200 ms ± 100 ms, limit 20/s per action\n`);
console.log('| way | wall s | created/s overall | pace while sending (req/s) | throttled | created | lost | CPU ms/row |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  console.log(`| ${r.way} | ${r.seconds.toFixed(1)} | ${r.rate.toFixed(2)} | ${r.pace.toFixed(2)} | ${r.throttled} | ${r.created} | ${r.lost} | ${r.cpuMsPerRow.toFixed(2)} |`);
}
console.log('\n"lost" for the naive ways: rows with no policy and nothing recorded (their errors were only thrown).');
console.log('CPU for the naive ways includes the in-process emulator; for the tool it is the CLI process alone, per extra row.');
