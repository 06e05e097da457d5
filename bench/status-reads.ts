/**
 * How many read calls `status` makes for 10 registries × 300 namespaces: a generated seed in an
 * in-process emulator, the built CLI run against it, the calls counted by the emulator and by the CLI.
 * Registry i has i × 30 signing namespaces, so the signing lists range from empty to three pages.
 * Run: npm run build && npx tsx bench/status-reads.ts [registries] [namespaces]
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY, startEmulator } from '../src/emulator/index.js';
import type { EmulatorSeed } from '../src/emulator/seed-format.js';

const registryCount = Number(process.argv[2] ?? 10);
const namespaceCount = Number(process.argv[3] ?? 300);
const PAGE = 100;
const exec = promisify(execFile);
const regions = ['ap-guangzhou', 'ap-shanghai', 'ap-singapore', 'ap-tokyo', 'eu-frankfurt'];

const registries = Array.from({ length: registryCount }, (_, i) => ({
  RegistryId: `tcr-bench${String(i).padStart(3, '0')}`,
  Region: regions[i % regions.length] as string,
  Namespaces: Array.from({ length: namespaceCount }, (_, j) => `ns-${String(j).padStart(4, '0')}`),
}));
const signingOf = (i: number): number => Math.min(namespaceCount, i * 30);
const seed: EmulatorSeed = {
  registries,
  policies: registries.flatMap((r, i) => r.Namespaces.slice(0, signingOf(i)).map((NamespaceName) => ({ RegistryId: r.RegistryId, NamespaceName, Name: `${NamespaceName}-s`, KmsId: 'k' }))),
};

// One listing page per 100 registries, then per registry: the pages of all namespaces and of those that sign.
const pages = (n: number): number => Math.max(1, Math.ceil(n / PAGE));
const expected = pages(registryCount) + registries.reduce((n, _, i) => n + pages(namespaceCount) + pages(signingOf(i)), 0);

const emulator = await startEmulator({ port: 0, seed, credentials: [{ secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY }], log: () => undefined });
try {
  const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');
  const started = performance.now();
  // The CLI runs asynchronously: a synchronous spawn would block the emulator serving it in this process.
  const run = await exec(process.execPath, [cli, 'status', '--json', '--endpoint', emulator.url], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID, TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY },
  });
  const seconds = (performance.now() - started) / 1000;
  const counts = emulator.state.actionCounts();
  const byAction = Object.fromEntries(Object.entries(counts).map(([action, c]) => [action, c.requests]));
  const served = Object.values(byAction).reduce((a, b) => a + b, 0);
  const reported = /with (\d+) read calls?/.exec(run.stderr)?.[1];
  const records = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { namespaces: number; signing: number });
  console.log(`registries × namespaces: ${registryCount} × ${namespaceCount} (${registryCount * namespaceCount} namespaces, ${seed.policies?.length} signing)`);
  console.log(`exit code: 0; registries shown: ${records.length}; namespaces counted: ${records.reduce((n, r) => n + r.namespaces, 0)}; signing counted: ${records.reduce((n, r) => n + r.signing, 0)}`);
  console.log(`read calls served by the emulator: ${served} (${Object.entries(byAction).map(([a, n]) => `${a} ${n}`).join(', ')})`);
  console.log(`read calls the CLI reports: ${reported}`);
  console.log(`expected from the paging (100 per page): ${expected}`);
  console.log(`wall time (CLI start to exit): ${seconds.toFixed(2)} s`);
} finally {
  await emulator.close();
}
