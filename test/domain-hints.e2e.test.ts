// A row's Domain, end to end: the plan reads the registry's custom domains (DescribeInstanceCustomizedDomain)
// and blocks a Domain that is not one of them; a row the API refuses for its Domain is told about the
// Domain, not the KMS key.
import test from 'ava';
import { join } from 'node:path';
import type { EmulatorSeed } from '../src/emulator/seed-format.js';
import { cliEnv, readJsonLines, runCli, startKitEmulator, tempDir, writeCsv, type ExportedResult } from './helpers/engine-kit.js';

const KEY = '22222222-0000-4000-8000-00000000a001';
const SEED: EmulatorSeed = {
  registries: [
    { RegistryId: 'tcr-dmgz01', Region: 'ap-guangzhou', Domains: ['images.example.com'], Namespaces: ['apps', 'web', 'plain'] },
    { RegistryId: 'tcr-dmgz02', Region: 'ap-guangzhou', Namespaces: ['bare'] },
  ],
  kmsKeys: [{ KeyId: KEY, Region: 'ap-guangzhou', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
};
const CSV =
  'Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion,Domain\n' +
  `ap-guangzhou,tcr-dmgz01,apps,apps-signing,${KEY},ap-guangzhou,images.example.com\n` +
  `ap-guangzhou,tcr-dmgz01,web,web-signing,${KEY},ap-guangzhou,images.example.org\n` +
  `ap-guangzhou,tcr-dmgz01,plain,plain-signing,${KEY},ap-guangzhou,\n` +
  `ap-guangzhou,tcr-dmgz02,bare,bare-signing,${KEY},ap-guangzhou,a.example.com\n`;

test('the plan blocks a Domain that is not a custom domain of its registry, reading each registry\'s domains once', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: SEED });
  const run = await runCli(t, ['batch', await writeCsv(dir, CSV), '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'results.jsonl'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1);
  t.regex(run.stderr, /tcr-dmgz01\/web +Blocked\.DomainNotFound: Domain images\.example\.org is not a custom domain of registry tcr-dmgz01 \(its custom domains: images\.example\.com\)/);
  t.regex(run.stderr, /tcr-dmgz02\/bare +Blocked\.DomainNotFound: Domain a\.example\.com is not a custom domain of registry tcr-dmgz02 \(its custom domains: none\)/);
  const results = readJsonLines<ExportedResult>(join(dir, 'results.jsonl'));
  t.deepEqual(results.map((r) => [r.NamespaceName, r.status]), [['apps', 'created'], ['web', 'invalid'], ['plain', 'created'], ['bare', 'invalid']]);
  // One read per registry with a Domain row, paced like every other read.
  t.is(emulator.state.actionCounts()['DescribeInstanceCustomizedDomain']?.requests, 2);
});

test('a row the API refuses for its Domain gets the Domain hint, never "check the KMS key", in both languages', async (t) => {
  const dir = await tempDir(t);
  const emulator = await startKitEmulator(t, { seed: SEED });
  const csv = await writeCsv(dir, CSV);
  const run = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--no-preflight'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1);
  t.regex(run.stderr, /Failed: +2 rows InvalidParameter\.ErrorTcrInvalidParameter: Domain must be one of the registry's custom domains/);
  t.notRegex(run.stderr, /check the KMS key/);
  const zh = await runCli(t, ['batch', csv, '--endpoint', emulator.url, '--yes', '--no-tui', '--no-preflight', '--lang', 'zh-CN'], { cwd: dir, env: cliEnv(dir) });
  t.regex(zh.stderr, /Domain 须为该实例的自定义域名之一/);
  t.notRegex(zh.stderr, /KMS 密钥/);
});
