/**
 * CPU cost of the Ink dashboard per row, against a baseline that formats one plain line per row.
 *
 * A synthetic run of ROWS rows at 20 rows/s (500 s of simulated time for 10,000 rows) is cut into
 * batches of 66 ms of simulated time, one per dashboard frame. Batches are fed as fast as the
 * dashboard draws them, so it draws as many frames as the real run would (~7,600), in seconds.
 *
 *   npx tsx bench/dashboard-cpu.tsx
 *   ROWS=2000 REALTIME=1 npx tsx bench/dashboard-cpu.tsx   feed at the real pace instead (100 s)
 *   FRAME_MS=250 npx tsx bench/dashboard-cpu.tsx           simulate a slower frame rate (in real time, the
 *                                                          dashboard also draws at this rate)
 */
import { PassThrough, Writable } from 'node:stream';
import type { BatchEvent, BatchEventListener, BatchEventSource } from '../src/core/batch-events.js';
import { emptyCounts, resultOf, type RowResult } from '../src/core/result.js';
import { DEFAULT_FRAME_MS } from '../src/ui/frame-timing.js';

const ROWS = Number(process.env['ROWS'] ?? 10_000);
const ROW_INTERVAL_MS = 50; // 20 rows per second
const LATENCY_MS = 180;
const FRAME_MS = Number(process.env['FRAME_MS'] ?? DEFAULT_FRAME_MS);

// Colour as on a real terminal; chalk reads this when Ink is first imported, below.
process.env['FORCE_COLOR'] ??= '1';

function row(line: number, attempts: number): RowResult {
  const identity = { line, Region: 'ap-guangzhou', RegistryId: 'tcr-abcd1234', NamespaceName: `team-${line % 97}-ns-${line}`,
    Name: `sign-${line}`, KmsId: 'a1b2c3d4-kms', KmsRegion: 'ap-guangzhou', Domain: '', Disabled: '' };
  const id = `${String(line).padStart(8, '0')}-4c6d-9e0f-1a2b-3c4d5e6f7a8b`;
  return line % 100 === 42
    ? resultOf(identity, 'failed', { ErrorCode: 'InvalidParameter.ErrorTcrInvalidParameter', ErrorMessage: `namespace team-${line % 97}-ns-${line} not found`, RequestId: id, attempts })
    : resultOf(identity, 'created', { RequestId: id, attempts });
}

/** Every event of the run, cut into per-frame batches by simulated time. */
function syntheticBatches(rows: number): BatchEvent[][] {
  const timed: Array<[number, BatchEvent]> = [];
  for (let i = 0; i < rows; i++) {
    const line = i + 2;
    const key = `tcr-abcd1234/team-${line % 97}-ns-${line}`;
    let t = i * ROW_INTERVAL_MS;
    timed.push([t, { type: 'row-start', line, key, attempt: 1 }]);
    let attempts = 1;
    if (i % 50 === 7) {
      timed.push([t + LATENCY_MS, { type: 'row-retry', line, key, attempt: 1, errorCode: 'RequestLimitExceeded', delayMs: 400 }]);
      t += LATENCY_MS + 400;
      timed.push([t, { type: 'row-start', line, key, attempt: 2 }]);
      attempts = 2;
    }
    timed.push([t + LATENCY_MS, { type: 'row-done', result: row(line, attempts) }]);
  }
  timed.sort((a, b) => a[0] - b[0]);
  const counts = emptyCounts();
  const batches: BatchEvent[][] = [[{ type: 'start', total: rows, settled: 0, endpoint: 'https://tcr.tencentcloudapi.com',
    regions: ['ap-guangzhou'], registries: ['tcr-abcd1234'], rate: 20, dryRun: false, journal: '/tmp/bench-journal.jsonl', doneStatus: 'created' }]];
  let done = 0;
  for (const [t, event] of timed) {
    const frame = Math.floor(t / FRAME_MS) + 1;
    while (batches.length <= frame) batches.push([]);
    const batch = batches[frame] as BatchEvent[];
    batch.push(event);
    if (event.type !== 'row-done') continue;
    counts[event.result.status] += 1;
    done += 1;
    batch.push({ type: 'progress', done, total: rows, inFlight: 4, rate: 20, elapsedMs: t,
      etaMs: ((rows - done) * 1000) / 20, counts: { ...counts }, paused: false });
  }
  const last = batches[batches.length - 1] as BatchEvent[];
  last.push({ type: 'end', counts: { ...counts }, elapsedMs: rows * ROW_INTERVAL_MS + LATENCY_MS, interrupted: false });
  return batches;
}

function source(): BatchEventSource & { emit(events: readonly BatchEvent[]): void } {
  const listeners = new Set<BatchEventListener>();
  return {
    subscribe: (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
    emit: (events) => { for (const e of events) for (const l of listeners) l(e); },
  };
}

/** A terminal that counts what it is sent and lets the feeder wait for the next write. */
function fakeTty() {
  const stats = { writes: 0, bytes: 0 };
  let wake: (() => void) | undefined;
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      stats.writes += 1;
      stats.bytes += chunk.length;
      wake?.();
      callback();
    },
  });
  Object.assign(stream, { isTTY: true, columns: 100, rows: 40 });
  const nextWrite = (timeoutMs: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    wake = () => { clearTimeout(timer); wake = undefined; resolve(); };
  });
  return { stream: stream as unknown as NodeJS.WriteStream, stats, nextWrite };
}

/**
 * Feeds the batches: in real time (one per frame of simulated time), or each as soon as `drawn()`
 * says the previous one reached the screen.
 */
async function feed(batches: BatchEvent[][], realTime: boolean, emit: (batch: BatchEvent[]) => void, drawn: () => Promise<void>) {
  const startedAt = Date.now();
  for (const [index, batch] of batches.entries()) {
    if (realTime) await new Promise((resolve) => setTimeout(resolve, startedAt + index * FRAME_MS - Date.now()));
    const shown = realTime ? undefined : drawn();
    emit(batch);
    await shown;
  }
}

async function runDashboard(batches: BatchEvent[][], realTime: boolean) {
  const { renderDashboard } = await import('../src/ui/render-dashboard.js');
  const events = source();
  const tty = fakeTty();
  const before = process.cpuUsage();
  const ui = renderDashboard({ source: events, controls: { pause() {}, resume() {}, stop() {} }, stdout: tty.stream,
    stdin: new PassThrough() as unknown as NodeJS.ReadStream, frameMs: realTime ? FRAME_MS : 1 });
  await feed(batches, realTime, events.emit, () => tty.nextWrite(50));
  await ui;
  return { cpu: process.cpuUsage(before), ...tty.stats };
}

/** The same events, fed the same way, with one plain line formatted and written per finished row. */
async function runBaseline(batches: BatchEvent[][], realTime: boolean) {
  const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const before = process.cpuUsage();
  const emit = (batch: BatchEvent[]) => {
    for (const event of batch) {
      if (event.type !== 'row-done') continue;
      const r = event.result;
      const detail = r.ErrorCode === '' ? r.RequestId : `${r.ErrorCode}: ${r.ErrorMessage}`;
      sink.write(`${r.status === 'created' ? '✔' : '✖'} L${r.line} ${r.RegistryId}/${r.NamespaceName} ${r.status} ${detail}\n`);
    }
  };
  await feed(batches, realTime, emit, () => new Promise((resolve) => setImmediate(resolve)));
  return { cpu: process.cpuUsage(before) };
}

const ms = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

async function main() {
  const batches = syntheticBatches(ROWS);
  const realTime = process.env['REALTIME'] === '1';
  await runDashboard(syntheticBatches(300), false); // warm up the JIT and load Ink before measuring
  await runBaseline(syntheticBatches(300), false);
  const wallStart = Date.now();
  const dashboard = await runDashboard(batches, realTime);
  const wall = Date.now() - wallStart;
  const baseline = await runBaseline(batches, realTime);
  const extra = (ms(dashboard.cpu) - ms(baseline.cpu)) / ROWS;
  const mode = process.env['NODE_ENV'] === 'production' ? 'production' : 'development';
  console.log(`rows ${ROWS} at 20/s, ${FRAME_MS} ms frames (${batches.length}), fed ${realTime ? 'in real time' : 'as fast as drawn'}, React ${mode} build, wall ${(wall / 1000).toFixed(1)} s`);
  console.log(`terminal writes ${dashboard.writes}, ${(dashboard.bytes / 1e6).toFixed(1)} MB`);
  console.log(`dashboard CPU ${ms(dashboard.cpu).toFixed(0)} ms = ${(ms(dashboard.cpu) / ROWS).toFixed(3)} ms/row`);
  console.log(`baseline  CPU ${ms(baseline.cpu).toFixed(0)} ms = ${(ms(baseline.cpu) / ROWS).toFixed(3)} ms/row`);
  console.log(`extra     ${extra.toFixed(3)} ms/row (goal < 1 ms) ${extra < 1 ? 'OK' : 'OVER'}`);
  console.log(`heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
}

await main();
