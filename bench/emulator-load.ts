// Load test of the TCR API emulator: `npx tsx bench/emulator-load.ts`.
// The emulator runs in a child process (so its memory is its own); 50 SDK clients with distinct SecretIds
// send signed requests from this process. Phase 1 lifts the rate limits to measure the server itself;
// phase 2 keeps the documented limits and has all 50 clients share one SecretId, to show the throttle.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Client } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tcr/v20190924/tcr_client.js';
import { ROUTES, startEmulator, type EmulatorCredential } from '../src/emulator/index.js';

const CLIENTS = 50;
const REQUESTS = 5_000;
const WARM_UP = 1_000;
const DEADLINE_MS = 120_000;
const credentials: EmulatorCredential[] = Array.from({ length: CLIENTS }, (_, i) => ({
  secretId: `AKIDbench${String(i).padStart(28, '0')}`,
  secretKey: `bench-secret-key-${i}`,
}));

interface Usage { rss: number; heapUsed: number; cpuMicros: number }
type ToServer = { kind: 'memory' } | { kind: 'stop' };
type FromServer = { kind: 'ready'; port: number } | ({ kind: 'memory' } & Usage);

async function serve(limited: boolean): Promise<void> {
  const rateLimits = limited ? {} : Object.fromEntries(ROUTES.map((r) => [r.action, Infinity]));
  const emulator = await startEmulator({ port: 0, credentials, rateLimits });
  const send = (message: FromServer): boolean => process.send?.(message) ?? false;
  process.on('message', (message: ToServer) => {
    if (message.kind === 'stop') void emulator.close().then(() => process.exit(0));
    if (message.kind === 'memory') {
      (globalThis as { gc?: () => void }).gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      const cpu = process.cpuUsage();
      send({ kind: 'memory', rss, heapUsed, cpuMicros: cpu.user + cpu.system });
    }
  });
  send({ kind: 'ready', port: emulator.port });
}

async function ask<T extends FromServer['kind']>(child: ChildProcess, message: ToServer, kind: T): Promise<Extract<FromServer, { kind: T }>> {
  child.send(message);
  for (;;) {
    const [reply] = (await once(child, 'message')) as [FromServer];
    if (reply.kind === kind) return reply as Extract<FromServer, { kind: T }>;
  }
}

interface Tally { ok: number; apiErrors: Map<string, number>; broken: number; latencies: number[] }

/** One request of the mix: mostly reads, with creates and deletes that change and restore state. */
function call(client: Client, i: number): Promise<{ RequestId?: string }> {
  const NamespaceName = ['payments', 'checkout', 'search', 'billing', 'ledger', 'risk'][i % 6] ?? 'payments';
  if (i % 10 === 0) {
    return client.CreateSignaturePolicy({ RegistryId: 'tcr-ab12cd34', NamespaceName, Name: `${NamespaceName}-sig`, KmsId: '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3', KmsRegion: '' });
  }
  if (i % 10 === 5) return client.DeleteSignaturePolicy({ RegistryId: 'tcr-ab12cd34', NamespaceName });
  return client.DescribeNamespaces({ RegistryId: 'tcr-ab12cd34', KmsSignPolicy: i % 2 === 0, Limit: 10 });
}

async function drive(port: number, total: number, tally: Tally, shared: boolean): Promise<void> {
  let next = 0;
  const deadline = Date.now() + DEADLINE_MS;
  const uuid = /^[0-9a-f-]{36}$/;
  await Promise.all(credentials.map(async (own) => {
    const credential = shared ? credentials[0] ?? own : own;
    const client = new Client({ credential, region: 'ap-guangzhou', profile: { httpProfile: { endpoint: `127.0.0.1:${port}`, protocol: 'http://', reqTimeout: 10 } } });
    while (next < total && Date.now() < deadline) {
      const i = next++;
      const started = performance.now();
      try {
        const answer = await call(client, i);
        if (uuid.test(answer.RequestId ?? '')) tally.ok += 1;
        else tally.broken += 1;
      } catch (error) {
        const e = error as { code?: string; requestId?: string };
        if (e.code && uuid.test(e.requestId ?? '')) tally.apiErrors.set(e.code, (tally.apiErrors.get(e.code) ?? 0) + 1);
        else tally.broken += 1;
      }
      tally.latencies.push(performance.now() - started);
    }
  }));
}

const newTally = (): Tally => ({ ok: 0, apiErrors: new Map(), broken: 0, latencies: [] });
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function phase(limited: boolean): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', limited ? 'limited' : 'unlimited'], { execArgv: ['--import', 'tsx', '--expose-gc'] });
  const [ready] = (await once(child, 'message')) as [FromServer];
  if (ready.kind !== 'ready') throw new Error('emulator did not start');
  await drive(ready.port, WARM_UP, newTally(), limited);
  const before = await ask(child, { kind: 'memory' }, 'memory');
  const tally = newTally();
  const started = performance.now();
  await drive(ready.port, REQUESTS, tally, limited);
  const seconds = (performance.now() - started) / 1000;
  const after = await ask(child, { kind: 'memory' }, 'memory');
  child.send({ kind: 'stop' });
  await once(child, 'exit');

  const sorted = [...tally.latencies].sort((a, b) => a - b);
  const errors = [...tally.apiErrors].map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
  const growth = (a: number, b: number): string => `${(((b - a) / a) * 100).toFixed(1)} %`;
  const flat = after.rss <= before.rss * 1.2 && after.heapUsed <= before.heapUsed * 1.2;
  const title = limited ? 'Documented rate limits, one shared SecretId' : 'Rate limits lifted, 50 SecretIds';
  console.log(`\n${title}: ${tally.latencies.length} requests, ${CLIENTS} clients, ${seconds.toFixed(2)} s`);
  console.log(`  throughput   ${(tally.latencies.length / seconds).toFixed(0)} requests/s`);
  console.log(`  server CPU   ${((after.cpuMicros - before.cpuMicros) / 1000 / tally.latencies.length).toFixed(2)} ms per request`);
  console.log(`  latency      p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms`);
  console.log(`  answers      ${tally.ok} successes and ${tally.latencies.length - tally.ok - tally.broken} API errors, all well-formed (RequestId); ${tally.broken} malformed or failed`);
  console.log(`  API errors   ${errors}`);
  console.log(`  server RSS   ${mib(before.rss)} after warm-up, ${mib(after.rss)} at the end (${growth(before.rss, after.rss)})`);
  console.log(`  server heap  ${mib(before.heapUsed)} after warm-up, ${mib(after.heapUsed)} at the end (${growth(before.heapUsed, after.heapUsed)}) -> ${flat ? 'flat within 20 %' : 'GREW MORE THAN 20 %'}`);
}

if (process.argv[2] === '--serve') {
  await serve(process.argv[3] === 'limited');
} else {
  await phase(false);
  await phase(true);
}
