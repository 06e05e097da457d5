/**
 * Peak memory of validating a big CSV: generates a valid ~50 MB policy CSV (every column, the optional
 * ones filled on some rows) in a temp folder, runs the built CLI's dry runs on it under GNU time, and
 * prints each case's wall time and maximum resident set size side by side; with `--before DIST/cli.js`
 * (another build, e.g. of main), that build's figures too, measured in turn on the same file.
 * Run: npm run build && npx tsx bench/memory.ts [megabytes] [--before path/to/dist/cli.js]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const beforeAt = args.indexOf('--before');
const before = beforeAt === -1 ? undefined : args.splice(beforeAt, 2)[1];
const megabytes = Number(args[0] ?? 50);
const dir = mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-memory-'));
const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');
const REGIONS = ['ap-guangzhou', 'ap-shanghai', 'ap-singapore', 'ap-tokyo', 'eu-frankfurt'];

/** A valid CSV of about `megabytes` MB: one namespace per row, 5 registries, some rows with a domain, Disabled, a role. */
async function writeCsv(path: string): Promise<number> {
  const out = createWriteStream(path);
  out.write('RegistryId,NamespaceName,Name,KmsId,KmsRegion,Domain,Disabled,Region,RoleArn\n');
  let bytes = 0;
  let rows = 0;
  while (bytes < megabytes * 1e6) {
    const r = rows % REGIONS.length;
    const region = REGIONS[r] as string;
    const domain = rows % 4 === 0 ? `team-${rows}.registry.example.com` : '';
    const disabled = ['', 'false', 'true', 'no'][rows % 4] as string;
    const role = rows % 7 === 0 ? `qcs::cam::uin/10000000${r}:roleName/tcr-batch-signer` : '';
    const line = `tcr-reg${r}abcd,team-${rows}-apps,team-${rows}-apps-signing,6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c${r},${region},${domain},${disabled},${region},${role}\n`;
    bytes += line.length;
    rows += 1;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

interface Case {
  readonly name: string;
  readonly args: readonly string[];
}

interface Figures {
  readonly code: number | null;
  readonly seconds: number;
  readonly mb: number;
}

function measure(build: string, c: Case): Figures {
  // No credentials: a dry run needs none, and --no-preflight reads nothing anyway.
  const env = { ...process.env, TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '', NO_COLOR: '1' };
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, build, ...c.args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env });
  const [seconds, kb] = (run.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { code: run.status, seconds: seconds ?? NaN, mb: (kb ?? 0) / 1024 };
}

try {
  const csv = join(dir, 'big.csv');
  const rows = await writeCsv(csv);
  const base = ['batch', csv, '--dry-run', '--no-preflight'];
  const cases: Case[] = [
    { name: 'dry run, plain lines to /dev/null', args: base },
    { name: 'dry run --json to /dev/null', args: [...base, '--json'] },
    { name: 'dry run --out results.csv', args: [...base, '--out', join(dir, 'results.csv'), '--force'] },
    { name: 'dry run --out results.jsonl', args: [...base, '--out', join(dir, 'results.jsonl'), '--force'] },
  ];
  console.log(`CSV: ${rows.toLocaleString('en-US')} rows, ${(statSync(csv).size / 1e6).toFixed(1)} MB; load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  const builds = before ? [before, cli] : [cli];
  const head = builds.length > 1 ? ['before: exit', 'wall s', 'peak MB', 'after: exit', 'wall s', 'peak MB'] : ['exit', 'wall s', 'peak RSS MB'];
  const width = (i: number): number => Math.max(8, head[i]?.length ?? 0);
  console.log(`${'case'.padEnd(36)} ${head.map((h, i) => h.padStart(width(i))).join(' ')}`);
  for (const c of cases) {
    const cells = builds.flatMap((build) => {
      const m = measure(build, c);
      return [String(m.code), m.seconds.toFixed(1), m.mb.toFixed(0)];
    });
    console.log(`${c.name.padEnd(36)} ${cells.map((cell, i) => cell.padStart(width(i))).join(' ')}`);
  }
  console.log(`goal: < 300 MB peak for every case; load average at the end ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
