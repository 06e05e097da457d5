/**
 * Generates a 100,000-row CSV and times `batch --dry-run --out x.jsonl` on it with the built CLI,
 * reporting wall time and peak memory (GNU time's maximum resident set size).
 * Run: npm run build && npx tsx bench/dry-run.ts [rows]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const rows = Number(process.argv[2] ?? 100_000);
const dir = join(import.meta.dirname, 'out');
mkdirSync(dir, { recursive: true });
const csv = join(dir, `dry-run-${rows}.csv`);
const regions = ['ap-guangzhou', 'ap-shanghai', 'ap-singapore', 'ap-tokyo', 'eu-frankfurt'];
const lines = ['Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion,Domain,Disabled'];
for (let i = 0; i < rows; i++) {
  const r = i % regions.length;
  lines.push(`${regions[r]},tcr-reg${r}abc,team-${i},team-${i}-signing,6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c${r},${regions[r]},,${i % 3 === 0 ? 'false' : ''}`);
}
writeFileSync(csv, `${lines.join('\n')}\n`);
const out = join(dir, 'x.jsonl');
const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');
const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, cli, 'batch', csv, '--dry-run', '--out', out], {
  stdio: ['ignore', 'ignore', 'pipe'],
  encoding: 'utf8',
});
const [seconds, kb] = (run.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
console.log(`rows: ${rows} (${(statSync(csv).size / 1e6).toFixed(1)} MB CSV)`);
console.log(`exit code: ${run.status}`);
console.log(`wall time: ${seconds?.toFixed(2)} s (goal < 5 s)`);
console.log(`peak RSS: ${((kb ?? 0) / 1024).toFixed(0)} MB (goal < 300 MB)`);
console.log(`export: ${(statSync(out).size / 1e6).toFixed(1)} MB ${out}`);
