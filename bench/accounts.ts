/**
 * Many accounts in one run, against the emulator (200 ms ± 100 ms latency): 300 rows grouped by
 * account (the base key and two roles, 100 each), then the same plus 50 rows whose role does not exist,
 * then the 300 again with each role's first AssumeRole answered by a transient fault (a 503 page, an
 * InternalError): STS asked again, the rows all created.
 * Prints the wall time, the busiest one-second window per account and over all as the emulator saw
 * arrivals, the throttled answers, how often each role was assumed, and the statuses.
 * Run: npm run build && npx tsx bench/accounts.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type EmulatorSeed } from '../src/emulator/index.js';
import { ROLE_A, ROLE_B, ROLE_MISSING, REGISTRY, UIN_A, UIN_B, accountsDataset } from '../test/helpers/accounts-kit.js';

const credential = { secretId: 'AKIDbenchaccounts0000000000000000000', secretKey: 'benchAccountsSecretKey000000000000' };
const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'tcr-bench-accounts-'));

function busiest(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function scenario(name: string, csv: string, seed: EmulatorSeed): Promise<void> {
  const emulator = await startEmulator({ port: 0, seed, credentials: [credential], latencyMs: 100, jitterMs: 200, requestLogSize: 5000 });
  const input = join(dir, `${name}.csv`);
  writeFileSync(input, csv);
  const started = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [CLI, 'batch', input, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', join(dir, `${name}.json`)], {
      env: { PATH: process.env.PATH, HOME: dir, TENCENTCLOUD_SECRET_ID: credential.secretId, TENCENTCLOUD_SECRET_KEY: credential.secretKey },
      stdio: 'ignore',
    });
    child.on('close', resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  const results = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as { status: string }[];
  const statuses: Record<string, number> = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const creates = emulator.state.recentRequests().filter((r) => r.action === 'CreateSignaturePolicy');
  const byAccount = Object.entries(REGISTRY).map(([role, registry]) => {
    const times = creates.filter((r) => r.body.includes(`"${registry}"`) && r.outcome === 'ok').map((r) => Date.parse(r.receivedAt));
    return `${role ? role.split('::uin/')[1] : 'base'} ${busiest(times)}/s`;
  });
  const throttled = creates.filter((r) => r.outcome === 'RequestLimitExceeded').length;
  console.log(`${name}: exit ${code}, ${seconds.toFixed(1)} s wall, statuses ${JSON.stringify(statuses)}`);
  console.log(`  busiest second: ${busiest(creates.map((r) => Date.parse(r.receivedAt)))} over all; per account ${byAccount.join(', ')}`);
  const assumeRequests = emulator.state.actionCounts()['AssumeRole']?.requests ?? 0;
  console.log(`  throttled ${throttled}; AssumeRole per role ${JSON.stringify(emulator.state.assumedRoles())} (${assumeRequests} requests)`);
  await emulator.close();
}

const good = accountsDataset(100, ['', ROLE_A, ROLE_B]);
await scenario('three-accounts', good.csv, good.seed);
const bad = accountsDataset(50, [ROLE_MISSING]);
const seed = { ...good.seed, registries: [...(good.seed.registries ?? []).slice(0, 3), ...(bad.seed.registries ?? []).slice(3)] };
await scenario('plus-missing-role', good.csv + bad.csv.split('\n').slice(1).join('\n'), seed);
const blips = { ...good.seed, accounts: [{ Uin: UIN_A, Roles: ['tcr-signer'], Faults: ['http-503' as const] }, { Uin: UIN_B, Roles: ['tcr-signer'], Faults: ['InternalError' as const] }] };
await scenario('sts-blips', good.csv, blips);
