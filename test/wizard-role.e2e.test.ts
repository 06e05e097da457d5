// The wizard with --role-arn, in a real terminal (tmux): its lists are read in the role's account and the
// policy is created there, and the command it prints carries --role-arn.
import test from 'ava';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../src/emulator/index.js';
import { ROLE_A, SIGNING_KEY, UIN_A } from './helpers/accounts-kit.js';
import { startTestEmulator } from './helpers/emulator-kit.js';
import { ENDED, startTmux } from './helpers/tmux.js';

const CREDENTIALS = { TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID, TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY };

/** The base account and the role's each own a registry in Guangzhou; only the role's may be offered. */
const SEED = {
  accounts: [{ Uin: UIN_A, Roles: ['tcr-signer'] }],
  registries: [
    { RegistryId: 'tcr-base0001', RegistryName: 'base-gz', Region: 'ap-guangzhou', Namespaces: ['base-apps'] },
    { RegistryId: 'tcr-teama001', RegistryName: 'team-a-gz', Region: 'ap-guangzhou', Account: UIN_A, Namespaces: ['payments'] },
  ],
  kmsKeys: [{ KeyId: SIGNING_KEY, Alias: 'team-a-signing', Region: 'ap-guangzhou', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
};

for (const how of ['--role-arn', 'TENCENTCLOUD_ROLE_ARN'] as const) {
  test.serial(`${how}: the registry list is the role account's, the review's command carries --role-arn, and the policy is created in that account`, async (t) => {
    const emulator = await startTestEmulator({ seed: SEED });
    t.teardown(() => emulator.close());
    const cwd = mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-wizard-role-'));
    const role: { args: string[]; env: Record<string, string> } = how === '--role-arn' ? { args: ['--role-arn', ROLE_A], env: {} } : { args: [], env: { TENCENTCLOUD_ROLE_ARN: ROLE_A } };
    const term = await startTmux(t, { args: ['--endpoint', emulator.url, '--region', 'ap-guangzhou', ...role.args], env: { ...CREDENTIALS, ...role.env }, cwd });

    await term.waitFor('What would you like to do?');
    await term.keys('Enter');
    await term.waitFor('Region of the registry');
    await term.keys('Enter');
    const registries = await term.waitFor('tcr-teama001  team-a-gz');
    t.false(registries.includes('tcr-base0001'), 'the base account\'s registry is not offered');
    await term.keys('Enter');
    await term.waitFor('payments');
    await term.keys('Enter');
    await term.waitFor('Policy name');
    await term.keys('Enter');
    await term.waitFor('Region of the KMS key');
    await term.keys('Enter');
    await term.waitFor('team-a-signing');
    await term.keys('Enter');
    await term.waitFor('Custom domain');
    await term.keys('Enter');
    await term.waitFor('Create it disabled?');
    await term.keys('Enter');

    const review = await term.waitFor('Create 1 signature policy');
    t.true(review.replace(/\s*\n\s*/g, ' ').includes(`--role-arn ${ROLE_A}`), review);
    await term.keys('y');
    // The offer to sign what the namespace already holds (default no): no.
    await term.waitFor('Sign the images already in payments of tcr-teama001 now?');
    await term.keys('Enter');
    const done = await term.waitFor(ENDED);
    t.true(done.includes('[exit 0]'), done);

    // Held in the role's account: the registry only that account owns has the policy.
    t.deepEqual(emulator.state.policies().map((p) => [p.RegistryId, p.NamespaceName]), [['tcr-teama001', 'payments']]);
    // The lists' API and the send's each assume the role once.
    const assumed = emulator.state.assumedRoles()[ROLE_A] ?? 0;
    t.true(assumed >= 1 && assumed <= 2, String(assumed));
  });
}
