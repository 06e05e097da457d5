/**
 * Signs N tags over R repositories (default 10,000 over 40) with the built CLI against the emulator
 * (60 ± 60 ms latency), and prints the CreateSignature pace (average over the signing, and the busiest
 * second, which must never pass 20), the wall time and the CLI's peak memory (GNU time's max RSS).
 * Run: npm run build && npx tsx bench/sign-images.ts [tags] [repositories]   (10,000 tags: about 9 minutes)
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { EmulatorSeed } from '../src/emulator/seed-format.js';
import { CLI_PATH, Cleanup, cliEnv, maxInWindow, startKitEmulator, tempDir } from '../test/helpers/engine-kit.js';

const TAGS = Number(process.argv[2] ?? 10_000);
const REPOSITORIES = Number(process.argv[3] ?? 40);
const KEY = 'b0000000-0000-4000-8000-000000000001';

const perRepository = Math.ceil(TAGS / REPOSITORIES);
const seed: EmulatorSeed = {
  registries: [{
    RegistryId: 'tcr-bench001', Region: 'ap-guangzhou',
    Namespaces: [{ Name: 'apps', Repositories: Array.from({ length: REPOSITORIES }, (_, i) => ({ Name: i % 4 === 0 ? `images/r${i}` : `r${i}`, Tags: perRepository })) }],
  }],
  kmsKeys: [{ KeyId: KEY, Region: 'ap-guangzhou', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
  policies: [{ RegistryId: 'tcr-bench001', NamespaceName: 'apps', Name: 'apps-signing', KmsId: KEY, KmsRegion: 'ap-guangzhou' }],
};

const cleanup = new Cleanup();
const dir = await tempDir(cleanup, 'tcr-bench-images-');
const emulator = await startKitEmulator(cleanup, { seed, latencyMs: 0, jitterMs: 120, faultActions: ['CreateSignature', 'DescribeImages', 'DescribeRepositories'], requestLogSize: TAGS + 2_000 });
const started = performance.now();
// Spawned, not spawnSync: the emulator answers from this very process.
const run = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
  const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, CLI_PATH, 'sign-images', '--registry-id', 'tcr-bench001', '--endpoint', emulator.url, '--yes', '--no-tui', '--out', join(dir, 'signed.csv')], {
    cwd: dir, env: cliEnv(dir), stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  child.on('error', reject);
  child.on('close', (status) => resolve({ status, stderr }));
});
const wallMs = performance.now() - started;
const peakKb = Number(/(\d+)\s*$/.exec(run.stderr)?.[1] ?? NaN);
const signs = emulator.state.recentRequests().filter((r) => r.action === 'CreateSignature').map((r) => Date.parse(r.receivedAt));
const spanS = signs.length > 1 ? ((signs[signs.length - 1] as number) - (signs[0] as number)) / 1000 : 0;
const signed = Object.keys(emulator.state.successfulSignatures()).length;
process.stdout.write([
  `tags ${TAGS} over ${REPOSITORIES} repositories; exit ${run.status}`,
  `CreateSignature: ${signs.length} requests, ${signed} tags signed, pace ${(signs.length / Math.max(spanS, 1e-9)).toFixed(2)} req/s over ${spanS.toFixed(1)} s, busiest second ${maxInWindow(signs)}`,
  `wall ${(wallMs / 1000).toFixed(1)} s; peak memory ${(peakKb / 1024).toFixed(0)} MB`,
  '',
].join('\n'));
await cleanup.run();
