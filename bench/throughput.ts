/**
 * How the traffic engine holds the CreateSignaturePolicy budget (20/s per access endpoint and
 * SecretId), case by case in one run, against the emulator (200 ms ± 100 ms latency):
 *   naive ways for comparison (a serial SDK loop, an unthrottled Promise.all);
 *   the tool with no faults; with 2% throttled + 2% HTTP 5xx answers; while another client spends
 *   5 req/s of the same budget; as two processes sharing the budget through Redis; 150 rows per
 *   region over two and three regions, each on an endpoint of its own (each its own budget), the CSV
 *   grouped by region (as discover --all-registries writes it) and interleaved.
 * Prints the pace while sending, the busiest one-second window as the emulator saw arrivals, the
 * throttled share, rows created and rows that disagree with the emulator; for the endpoint cases,
 * when each endpoint's creates arrived.
 * Run: npm run build && npx tsx bench/throughput.ts [rows] [endpoints]
 *   (`endpoints`: only the cases over several endpoints; the Redis case needs redis-server)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tcr/v20190924/tcr_client.js';
import { startEmulator, type EmulatorHandle, type EmulatorOptions, type EmulatorSeed } from '../src/emulator/index.js';
import { startRedisServer } from '../test/helpers/redis-server.js';

const ROWS = Number(process.argv[2] ?? 200);
const ONLY_ENDPOINTS = process.argv[3] === 'endpoints';
const KEYS = {
  'ap-guangzhou': '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3',
  'ap-shanghai': '8d2e4f6a-4b7d-11ee-9c3a-525400d4e5f6',
  'ap-singapore': '9e3f5a7b-4b7d-11ee-9c3a-525400f7a8b9',
} as const;
type Region = keyof typeof KEYS;
const REGISTRY: Record<Region, string> = { 'ap-guangzhou': 'tcr-bench01', 'ap-shanghai': 'tcr-bench02', 'ap-singapore': 'tcr-bench03' };
const credential = { secretId: 'AKIDbenchthroughput000000000000000', secretKey: 'benchThroughputSecretKey0000000000' };
const dir = mkdtempSync(join(tmpdir(), 'tcr-bench-'));
const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');
const namespaces = (n: number, prefix = 'team'): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const SPARE = 'not-a-namespace';

function seedFor(n: number): EmulatorSeed {
  return {
    registries: (Object.keys(KEYS) as Region[]).map((region) => ({ RegistryId: REGISTRY[region], Region: region, Namespaces: namespaces(n) })),
    kmsKeys: (Object.keys(KEYS) as Region[]).map((region) => ({ KeyId: KEYS[region], Region: region, KeyState: 'Enabled', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' })),
  };
}
const body = (ns: string, region: Region = 'ap-guangzhou') => ({ RegistryId: REGISTRY[region], Name: `${ns}-signing`, NamespaceName: ns, KmsId: KEYS[region], KmsRegion: region });

const regionOfEmulator = new Map<EmulatorHandle, Region>();
const regionOf = (emu: EmulatorHandle): Region => regionOfEmulator.get(emu) ?? 'ap-guangzhou';

/** An emulator holding both registries; `region` says whose rows it is judged on (the two-endpoint case). */
async function emulator(n: number, faults: EmulatorOptions = {}, region: Region = 'ap-guangzhou'): Promise<EmulatorHandle> {
  const emu = await startEmulator({ port: 0, seed: seedFor(n), credentials: [credential], latencyMs: 100, jitterMs: 200, requestLogSize: n * 4, ...faults });
  regionOfEmulator.set(emu, region);
  return emu;
}

function client(url: string, region: Region = 'ap-guangzhou'): Client {
  return new Client({ credential, region, profile: { httpProfile: { endpoint: url.replace('http://', ''), protocol: 'http://', reqTimeout: 30 } } });
}

function writeCsv(name: string, rows: readonly { ns: string; region: Region }[]): string {
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, ['Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion', ...rows.map(({ ns, region }) => `${region},${REGISTRY[region]},${ns},${ns}-signing,${KEYS[region]},${region}`)].join('\n'));
  return path;
}

interface ToolRun { readonly seconds: number; readonly statuses: Map<string, string>; readonly startedAt: number }

function runTool(csv: string, args: readonly string[], out: string): Promise<ToolRun> {
  const t = performance.now();
  const startedAt = Date.now();
  const child = spawn(process.execPath, [CLI, 'batch', csv, '--yes', '--no-tui', '--out', out, ...args], {
    env: { ...process.env, TENCENTCLOUD_SECRET_ID: credential.secretId, TENCENTCLOUD_SECRET_KEY: credential.secretKey },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => child.on('exit', (code) => {
    if (code !== 0 && code !== 1) return reject(new Error(`tool exited ${code}: ${stderr.slice(-2000)}`));
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { RegistryId: string; NamespaceName: string; status: string });
    resolve({ seconds: (performance.now() - t) / 1000, statuses: new Map(rows.map((r) => [`${r.RegistryId}/${r.NamespaceName}`, r.status])), startedAt });
  }));
}

interface Row { readonly way: string; readonly seconds: number; readonly pace: number; readonly busiest: number; readonly sent: number; readonly throttled: number; readonly created: number; readonly disagree: number }

/** The tool's creates as the emulators saw them: pace from the first arrival to the last, busiest 1 s window per emulator. */
function tally(way: string, emus: readonly EmulatorHandle[], seconds: number, statuses?: Map<string, string>, ours: (ns: string) => boolean = () => true): Row {
  let arrivals = 0;
  let first = Infinity;
  let last = -Infinity;
  let busiest = 0;
  let throttled = 0;
  let created = 0;
  let disagree = 0;
  for (const emu of emus) {
    const creates = emu.state.recentRequests().filter((r) => r.action === 'CreateSignaturePolicy' && ours((JSON.parse(r.body) as { NamespaceName: string }).NamespaceName));
    const times = creates.map((r) => Date.parse(r.receivedAt)).sort((a, b) => a - b);
    arrivals += times.length;
    first = Math.min(first, times[0] ?? Infinity);
    last = Math.max(last, times[times.length - 1] ?? -Infinity);
    for (let i = 0, j = 0; i < times.length; i++) {
      while ((times[i] as number) - (times[j] as number) >= 1000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    throttled += creates.filter((r) => r.outcome.startsWith('RequestLimitExceeded')).length;
    const held = new Set(emu.state.policies().map((p) => `${p.RegistryId}/${p.NamespaceName}`));
    created += held.size;
    const mine = new Set(emu.state.namespaces().filter((n) => n.Region === regionOf(emu)).map((n) => n.RegistryId));
    if (statuses) for (const [key, status] of statuses) if (mine.has(key.split('/')[0] as string) && (status === 'created') !== held.has(key)) disagree++;
  }
  const span = (last - first) / 1000;
  return { way, seconds, pace: span > 0 ? (arrivals - 1) / span : 0, busiest, sent: arrivals, throttled, created, disagree };
}

async function naive(way: string, send: (c: Client, names: string[]) => Promise<void>): Promise<Row> {
  const emu = await emulator(ROWS);
  const t = performance.now();
  await send(client(emu.url), namespaces(ROWS));
  const row = tally(way, [emu], (performance.now() - t) / 1000);
  await emu.close();
  return row;
}

async function tool(way: string, faults: EmulatorOptions = {}, during?: (emu: EmulatorHandle) => () => void): Promise<Row> {
  const emu = await emulator(ROWS, faults);
  const csv = writeCsv(`gz-${ROWS}`, namespaces(ROWS).map((ns) => ({ ns, region: 'ap-guangzhou' })));
  const stop = during?.(emu);
  const run = await runTool(csv, ['--endpoint', emu.url], join(dir, `${way.replace(/\W+/g, '-')}.jsonl`));
  stop?.();
  const row = tally(way, [emu], run.seconds, run.statuses, (ns) => ns !== SPARE);
  await emu.close();
  return row;
}

/** Another client on the same SecretId spending `perSecond` of the budget (on a namespace that does not exist). */
function otherClient(perSecond: number): (emu: EmulatorHandle) => () => void {
  return (emu) => {
    const c = client(emu.url);
    const timer = setInterval(() => void c.request('CreateSignaturePolicy', body(SPARE)).catch(() => undefined), 1000 / perSecond);
    return () => clearInterval(timer);
  };
}

async function twoProcesses(): Promise<Row> {
  const redis = await startRedisServer();
  const emu = await emulator(ROWS);
  const half = (from: number) => namespaces(ROWS).slice(from, from + ROWS / 2).map((ns) => ({ ns, region: 'ap-guangzhou' as const }));
  const t = performance.now();
  const runs = await Promise.all([0, ROWS / 2].map((from, i) => runTool(writeCsv(`half-${i}`, half(from)), ['--endpoint', emu.url, '--redis', redis.url], join(dir, `redis-${i}.jsonl`))));
  const seconds = (performance.now() - t) / 1000;
  const row = tally('two processes, one budget (--redis)', [emu], seconds, new Map(runs.flatMap((r) => [...r.statuses])));
  await emu.close();
  await redis.stop();
  return row;
}

/** When each endpoint's creates arrived, in seconds after the tool started: the lanes side by side. */
const spans: string[] = [];

/** 150 rows per region, each region on an endpoint of its own, the CSV grouped by region or interleaved. */
async function overEndpoints(regions: readonly Region[], order: 'grouped' | 'interleaved'): Promise<Row> {
  const perRegion = 150;
  const emus = await Promise.all(regions.map((region) => emulator(perRegion, {}, region)));
  const rows = order === 'grouped'
    ? regions.flatMap((region) => namespaces(perRegion).map((ns) => ({ ns, region })))
    : namespaces(perRegion).flatMap((ns) => regions.map((region) => ({ ns, region })));
  const way = `${rows.length} rows over ${regions.length} endpoints, ${order}`;
  const endpointArgs = regions.flatMap((region, i) => ['--endpoint', `${region}=${(emus[i] as EmulatorHandle).url}`]);
  const run = await runTool(writeCsv(`${regions.length}-${order}`, rows), endpointArgs, join(dir, `${regions.length}-${order}.jsonl`));
  const row = tally(way, emus, run.seconds, run.statuses);
  spans.push(`${way}: ${emus.map((emu) => {
    const times = emu.state.recentRequests().filter((r) => r.action === 'CreateSignaturePolicy').map((r) => (Date.parse(r.receivedAt) - run.startedAt) / 1000);
    return `${regionOf(emu)} ${Math.min(...times).toFixed(1)}–${Math.max(...times).toFixed(1)} s`;
  }).join(', ')}`);
  await Promise.all(emus.map((emu) => emu.close()));
  return row;
}

const TWO: readonly Region[] = ['ap-guangzhou', 'ap-shanghai'];
const THREE: readonly Region[] = [...TWO, 'ap-singapore'];
const endpointCases = async (): Promise<Row[]> => [
  await overEndpoints(TWO, 'grouped'),
  await overEndpoints(TWO, 'interleaved'),
  await overEndpoints(THREE, 'grouped'),
  await overEndpoints(THREE, 'interleaved'),
];

const results: Row[] = ONLY_ENDPOINTS ? await endpointCases() : [
  await naive('serial SDK loop', async (c, names) => {
    for (const ns of names) await c.request('CreateSignaturePolicy', body(ns)).catch(() => undefined);
  }),
  await naive('naive Promise.all', (c, names) => Promise.all(names.map((ns) => c.request('CreateSignaturePolicy', body(ns)).catch(() => undefined))).then(() => undefined)),
  await tool('tool, no faults'),
  await tool('tool, 2% throttled + 2% 5xx', { throttleRate: 0.02, errorRate: 0.02, faultSeed: 7 }),
  await tool('tool, another client takes 5 req/s', {}, otherClient(5)),
  await twoProcesses(),
  ...(await endpointCases()),
];

console.log(`\n${ROWS} rows unless said, emulator latency 200 ms ± 100 ms, CreateSignaturePolicy limited to 20/s per endpoint and SecretId\n`);
console.log('| case | wall s | pace while sending (req/s) | busiest 1 s window | requests | throttled | policies created | disagreements |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  const share = r.sent > 0 ? ` (${((100 * r.throttled) / r.sent).toFixed(1)}%)` : '';
  console.log(`| ${r.way} | ${r.seconds.toFixed(1)} | ${r.pace.toFixed(2)} | ${r.busiest} | ${r.sent} | ${r.throttled}${share} | ${r.created} | ${r.disagree} |`);
}
console.log('\nPace and windows count the tool\'s own requests as the emulator received them (the other client\'s are left out).');
console.log('Several endpoints: each has its own budget, so the busiest window is per endpoint; pace is over all of them;');
console.log('wall time includes the preflight. When each endpoint\'s creates arrived, after the tool started:');
for (const line of spans) console.log(`- ${line}`);
