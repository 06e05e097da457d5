// sign-images --yes over three accounts, signing while it lists: one account's DescribeImages is refused
// after its first pages (a CAM policy narrowed mid-run). That account alone is set aside: the tags it listed
// before still signed, its other repositories never touched; the other accounts listed and signed in full.
import test from 'ava';
import { join } from 'node:path';
import type { EmulatorSeed } from '../src/emulator/index.js';
import { ROLE_A, ROLE_B, SIGNING_KEY, UIN_A, UIN_B } from './helpers/accounts-kit.js';
import { cliEnv, runCli, startKitEmulator, tempDir } from './helpers/engine-kit.js';
import { held, keyOf, readCsv } from './helpers/images-kit.js';

/** Registry → the role that reaches its account ('' for the base credentials). */
const OWNER: Readonly<Record<string, string>> = { 'tcr-base0001': '', 'tcr-teama001': ROLE_A, 'tcr-teamb001': ROLE_B };
const UIN: Readonly<Record<string, string | undefined>> = { '': undefined, [ROLE_A]: UIN_A, [ROLE_B]: UIN_B };
const FAILING = 'tcr-teamb001';
/**
 * Account B answers this many DescribeImages, then refuses every later one: its two small repositories'
 * pages and the first of `big`'s ten, read one after another, so signing has begun when the refusal comes
 * and `big`'s last page (its unsigned tags) is never listed.
 */
const PAGES_BEFORE_DENIED = 8;
const REPOSITORIES = 12;
const BIG = { Name: 'big', Tags: 1000, Signed: 995 };

const small = (n: number): { Name: string; Tags: number; Signed: number }[] => Array.from({ length: n }, (_, i) => ({ Name: `svc${i}`, Tags: 3, Signed: 1 }));

function seed(): EmulatorSeed {
  const registries = Object.entries(OWNER).map(([RegistryId, role]) => ({
    RegistryId,
    Region: 'ap-guangzhou',
    ...(UIN[role] ? { Account: UIN[role] } : {}),
    Namespaces: [{ Name: 'apps', Repositories: RegistryId === FAILING ? [...small(2), BIG] : small(REPOSITORIES) }],
  }));
  return {
    accounts: [{ Uin: UIN_A, Roles: ['tcr-signer'] }, { Uin: UIN_B, Roles: ['tcr-signer'], DeniedAfterImagePages: PAGES_BEFORE_DENIED }],
    registries,
    kmsKeys: [{ KeyId: SIGNING_KEY, Region: 'ap-guangzhou', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
    policies: registries.map((r) => ({ RegistryId: r.RegistryId, NamespaceName: 'apps', Name: 'apps-signing', KmsId: SIGNING_KEY, KmsRegion: 'ap-guangzhou' })),
  };
}

test('--yes over three accounts: one account\'s DescribeImages refused midway sets only it aside, named once; the others signed in full, exit 1', async (t) => {
  const dir = await tempDir(t);
  // DescribeImages answered slowly, so signing has begun when account B's later pages are refused.
  const emulator = await startKitEmulator(t, { seed: seed(), latencyMs: 40, jitterMs: 80, faultActions: ['DescribeImages', 'CreateSignature'], requestLogSize: 2_000 });
  const run = await runCli(t, ['sign-images', '--all-registries', '--role-arn', ROLE_A, '--role-arn', ROLE_B, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'signed.csv'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1, run.stderr);
  t.notRegex(run.stderr, /\n\s+at /, 'no stack trace');

  // The refusal came after signing began: the run did not stop at it.
  const log = emulator.state.recentRequests();
  const firstRefused = log.find((r) => r.action === 'DescribeImages' && r.outcome === 'UnauthorizedOperation');
  const firstSigned = log.find((r) => r.action === 'CreateSignature' && r.outcome === 'ok');
  t.truthy(firstRefused, 'account B was refused a DescribeImages');
  t.true((firstSigned?.seq ?? Infinity) < (firstRefused?.seq ?? -1), 'a CreateSignature was answered before the refusal');

  // Said once, naming the account, the code, its RequestId and what to do.
  t.is(run.stderr.split(ROLE_B).length - 1, 1, run.stderr);
  const line = run.stderr.split('\n').find((l) => l.includes(ROLE_B)) ?? '';
  t.regex(line, /UnauthorizedOperation/);
  t.regex(line, /RequestId [0-9a-f-]{36}/);
  t.regex(run.stderr, /CAM|permission/i, 'a hint follows');
  t.is(run.stderr.split(ROLE_A).length - 1, 0, 'the account that went on is not named as stopped');

  const rows = await readCsv(join(dir, 'signed.csv'));
  const now = held(emulator);
  const signedTwice = Object.entries(emulator.state.successfulSignatures()).filter(([, n]) => n !== 1);
  t.deepEqual(signedTwice, [], 'no tag signed twice');
  // The two other accounts: every tag listed, every unsigned one signed, as the emulator holds.
  for (const registry of ['tcr-base0001', 'tcr-teama001']) {
    const mine = rows.filter((r) => r.RegistryId === registry);
    t.is(mine.length, REPOSITORIES * 3, registry);
    t.is(mine.filter((r) => r.status === 'signed').length, REPOSITORIES * 2, registry);
    t.true([...now].filter(([key]) => key.startsWith(`${registry}/`)).every(([, signed]) => signed), `${registry}: all signed in the emulator`);
  }
  // Every row agrees with the emulator.
  for (const r of rows) if (r.status === 'signed' || r.status === 'skipped') t.true(now.get(keyOf(r)), keyOf(r));
  // Account B: the tags it listed before the refusal went on (its small repositories' unsigned tags signed);
  // `big`'s last page was never listed: none of its tags has a row, none was signed.
  const rowsB = rows.filter((r) => r.RegistryId === FAILING);
  t.deepEqual(rowsB.filter((r) => (r.RepositoryName ?? '').startsWith('svc') && r.status === 'signed').map(keyOf).sort(), ['svc0', 'svc1'].flatMap((repo) => [2, 3].map((n) => `${FAILING}/apps/${repo}:v${n}`)));
  const unlisted = [996, 997, 998, 999, 1000].map((n) => `${FAILING}/apps/big:v${n}`);
  t.deepEqual(unlisted.filter((key) => now.get(key) !== false), [], 'big\'s unlisted tags still unsigned');
  t.deepEqual(rowsB.filter((r) => unlisted.includes(keyOf(r))), [], 'and have no row');
  t.true(rowsB.filter((r) => r.RepositoryName === 'big').length < BIG.Tags, 'big was listed in part');
});
