// sign-images --yes over three accounts, signing while it lists: one account's DescribeImages is refused
// after its first pages (a CAM policy narrowed mid-run). That account alone is set aside: the tags it listed
// before still signed, its other repositories never touched; the other accounts listed and signed in full.
import test, { type ExecutionContext } from 'ava';
import { join } from 'node:path';
import type { EmulatorSeed } from '../src/emulator/index.js';
import type { DeniedImagesCode } from '../src/emulator/seed-format.js';
import { ROLE_A, ROLE_B, SIGNING_KEY, UIN_A, UIN_B } from './helpers/accounts-kit.js';
import { cliEnv, runCli, startKitEmulator, tempDir } from './helpers/engine-kit.js';
import { held, keyOf, readCsv, type Row } from './helpers/images-kit.js';

/** Registry → the role that reaches its account ('' for the base credentials). */
const OWNER: Readonly<Record<string, string>> = { 'tcr-base0001': '', 'tcr-teama001': ROLE_A, 'tcr-teamb001': ROLE_B };
const UIN: Readonly<Record<string, string | undefined>> = { '': undefined, [ROLE_A]: UIN_A, [ROLE_B]: UIN_B };
const FAILING = 'tcr-teamb001';
/**
 * Account B answers this many DescribeImages, then refuses every later one: its two small repositories'
 * pages and the first six of `big`'s ten (pages 1, 0, 2-5, read one after another), so signing has begun
 * when the refusal comes, and `big`'s last page (with unsigned tags) is never listed.
 */
const PAGES_BEFORE_DENIED = 8;
const REPOSITORIES = 12;
/** v1-v1000, signed but for page 5 (v401-v500: 100 tags to sign, listed just before the refusal) and v996-v1000 (never listed). */
const unsignedInBig = (n: number): boolean => (n > 400 && n <= 500) || n > 995;
const BIG = { Name: 'big', Tags: Array.from({ length: 1000 }, (_, i) => (unsignedInBig(i + 1) ? `v${i + 1}` : { Name: `v${i + 1}`, Signed: true })) };
const PAGE_FIVE = Array.from({ length: 100 }, (_, i) => `${FAILING}/apps/big:v${401 + i}`);

const small = (n: number): { Name: string; Tags: number; Signed: number }[] => Array.from({ length: n }, (_, i) => ({ Name: `svc${i}`, Tags: 3, Signed: 1 }));

function seed(code: DeniedImagesCode): EmulatorSeed {
  const registries = Object.entries(OWNER).map(([RegistryId, role]) => ({
    RegistryId,
    Region: 'ap-guangzhou',
    ...(UIN[role] ? { Account: UIN[role] } : {}),
    Namespaces: [{ Name: 'apps', Repositories: RegistryId === FAILING ? [...small(2), BIG] : small(REPOSITORIES) }],
  }));
  return {
    accounts: [{ Uin: UIN_A, Roles: ['tcr-signer'] }, { Uin: UIN_B, Roles: ['tcr-signer'], DeniedAfterImagePages: PAGES_BEFORE_DENIED, DeniedImagePagesCode: code }],
    registries,
    kmsKeys: [{ KeyId: SIGNING_KEY, Region: 'ap-guangzhou', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
    policies: registries.map((r) => ({ RegistryId: r.RegistryId, NamespaceName: 'apps', Name: 'apps-signing', KmsId: SIGNING_KEY, KmsRegion: 'ap-guangzhou' })),
  };
}

/**
 * Runs sign-images --yes over the three accounts with B's DescribeImages refused with `code` after its first
 * pages, and checks what holds whatever the code: exit 1, the refusal after signing began, B named once on
 * stderr with the code and RequestId, the other accounts listed and signed in full, no tag signed twice, and
 * `big`'s unlisted tags without a row and unsigned. Returns B's rows and what the emulator holds.
 */
async function runRefused(t: ExecutionContext, code: DeniedImagesCode): Promise<{ rowsB: Row[]; now: Map<string, boolean>; stderr: string }> {
  const dir = await tempDir(t);
  // DescribeImages answered slowly, so signing has begun when account B's later pages are refused.
  const emulator = await startKitEmulator(t, { seed: seed(code), latencyMs: 40, jitterMs: 80, faultActions: ['DescribeImages', 'CreateSignature'], requestLogSize: 2_000 });
  const run = await runCli(t, ['sign-images', '--all-registries', '--role-arn', ROLE_A, '--role-arn', ROLE_B, '--endpoint', emulator.url, '--yes', '--no-tui', '--out', 'signed.csv'], { cwd: dir, env: cliEnv(dir) });
  t.is(run.code, 1, run.stderr);
  t.notRegex(run.stderr, /\n\s+at /, 'no stack trace');

  // The refusal came after signing began: the run did not stop at it.
  const log = emulator.state.recentRequests();
  const firstRefused = log.find((r) => r.action === 'DescribeImages' && r.outcome === code);
  const firstSigned = log.find((r) => r.action === 'CreateSignature' && r.outcome === 'ok');
  t.truthy(firstRefused, 'account B was refused a DescribeImages');
  t.true((firstSigned?.seq ?? Infinity) < (firstRefused?.seq ?? -1), 'a CreateSignature was answered before the refusal');

  // Said once, naming the account, the code, its RequestId and what to do (the resume command, when there is
  // one, repeats the command line with every --role-arn: that is no second saying).
  const said = run.stderr.split('\n').filter((l) => !/^\s*Resume:/.test(l)).join('\n');
  t.is(said.split(ROLE_B).length - 1, 1, run.stderr);
  const line = run.stderr.split('\n').find((l) => l.includes(ROLE_B)) ?? '';
  t.true(line.includes(`: ${code}: `), line);
  t.regex(line, /RequestId [0-9a-f-]{36}/);
  t.regex(run.stderr, /CAM|permission|grant/i, 'a hint follows');
  t.is(said.split(ROLE_A).length - 1, 0, 'the account that went on is not named as stopped');

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
  // Every row agrees with the emulator: signed or skipped there when it says so, unsigned when not sent.
  for (const r of rows) if (r.status === 'signed' || r.status === 'skipped') t.true(now.get(keyOf(r)), keyOf(r));
  for (const r of rows) if (r.status === 'not-sent') t.is(now.get(keyOf(r)), false, keyOf(r));
  // `big`'s last page was never listed: none of its tags has a row, none was signed.
  const rowsB = rows.filter((r) => r.RegistryId === FAILING);
  const unlisted = [996, 997, 998, 999, 1000].map((n) => `${FAILING}/apps/big:v${n}`);
  t.deepEqual(unlisted.filter((key) => now.get(key) !== false), [], 'big\'s unlisted tags still unsigned');
  t.deepEqual(rowsB.filter((r) => unlisted.includes(keyOf(r))), [], 'and have no row');
  t.true(rowsB.filter((r) => r.RepositoryName === 'big').length < BIG.Tags.length, 'big was listed in part');
  return { rowsB, now, stderr: run.stderr };
}

const smallUnsigned = ['svc0', 'svc1'].flatMap((repo) => [2, 3].map((n) => `${FAILING}/apps/${repo}:v${n}`));

test('--yes over three accounts: one account\'s DescribeImages refused midway (UnauthorizedOperation) sets only it aside, named once; the tags it listed still signed; the others signed in full, exit 1', async (t) => {
  const { rowsB, stderr } = await runRefused(t, 'UnauthorizedOperation');
  t.regex(stderr, /needs tcr:DescribeRepositories and tcr:DescribeImages in that account/, 'the hint names the listing\'s permissions');
  t.deepEqual(rowsB.filter((r) => (r.RepositoryName ?? '').startsWith('svc') && r.status === 'signed').map(keyOf).sort(), smallUnsigned);
  t.deepEqual(PAGE_FIVE.filter((key) => rowsB.find((r) => keyOf(r) === key)?.status !== 'signed'), [], 'page 5, listed before the refusal, all signed');
});

test('--yes over three accounts: an AuthFailure on one account\'s DescribeImages midway stops that account: its tags still to sign not-sent with the reason, named once; the others signed in full, exit 1', async (t) => {
  const { rowsB, now, stderr } = await runRefused(t, 'AuthFailure.UnauthorizedOperation');
  t.regex(stderr, /The account is stopped/);
  t.regex(stderr, /the role's temporary credentials were refused: check in CAM that the role still exists/, 'the hint is about the role, not the base key');
  t.notRegex(stderr, /TENCENTCLOUD_SECRET_ID/);
  // Each of B's small repositories' unsigned tags: signed before the refusal, or not sent after it, never anything else.
  for (const key of [...smallUnsigned, ...PAGE_FIVE]) {
    const row = rowsB.find((r) => keyOf(r) === key);
    t.true(row?.status === 'signed' || (row?.status === 'not-sent' && row.ErrorCode === 'AuthFailure.UnauthorizedOperation'), `${key}: ${JSON.stringify(row)}`);
    t.is(now.get(key), row?.status === 'signed', key);
  }
  // Page 5's 100 tags, listed a moment before the refusal at 20 a second: most were still to sign, so not sent.
  t.true(PAGE_FIVE.filter((key) => rowsB.find((r) => keyOf(r) === key)?.status === 'not-sent').length > 50, 'most of page 5 not sent');
});
