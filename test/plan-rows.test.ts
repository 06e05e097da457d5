import test from 'ava';
import { keyFactId, planRow, type KeyFact, type PlanVerdict, type PreflightFacts, type RegistryFact } from '../src/core/plan-rows.js';
import { applyPlan } from '../src/core/plan-summary.js';
import type { PolicyRow } from '../src/core/policy-row.js';

const GOOD_KEY = '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3';
const OTHER_KEY = '2c3d4e5f-4b7d-11ee-9c3a-525400445566';

function row(over: Partial<PolicyRow['request']> & { region?: string; line?: number } = {}): PolicyRow {
  const { region = 'ap-guangzhou', line = 2, ...request } = over;
  return {
    line,
    region,
    request: { RegistryId: 'tcr-gz01', Name: 'payments-signing', NamespaceName: 'payments', KmsId: GOOD_KEY, KmsRegion: 'ap-guangzhou', ...request },
  };
}

/** Facts where everything about row() is fine; each case changes one thing. */
function facts(over: {
  registry?: RegistryFact | null;
  names?: string[];
  signing?: string[];
  key?: KeyFact | null;
  keyRegion?: string;
  domains?: string[];
} = {}): PreflightFacts {
  return {
    registries: new Map([['tcr-gz01', over.registry === undefined ? { region: 'ap-guangzhou', status: 'Running' } : over.registry]]),
    namespaces: new Map([['tcr-gz01', { names: new Set(over.names ?? ['payments', 'catalog']), signing: new Set(over.signing ?? ['catalog']) }]]),
    keys: new Map([
      [keyFactId(GOOD_KEY, over.keyRegion ?? 'ap-guangzhou'), over.key === undefined ? { state: 'Enabled', usage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' } : over.key],
    ]),
    domains: new Map([['tcr-gz01', new Set(over.domains ?? ['images.example.com'])]]),
  };
}

const cases: readonly { name: string; row: PolicyRow; facts: PreflightFacts; verdict: PlanVerdict; code?: string; reason?: RegExp }[] = [
  { name: 'everything in order', row: row(), facts: facts(), verdict: 'create' },
  { name: 'namespace already signs', row: row({ NamespaceName: 'catalog' }), facts: facts(), verdict: 'skip', reason: /already has a signature policy/ },
  { name: 'namespace signs, even with a bad key: nothing to send', row: row({ NamespaceName: 'catalog' }), facts: facts({ key: null }), verdict: 'skip' },
  { name: 'namespace missing', row: row({ NamespaceName: 'ghost' }), facts: facts(), verdict: 'blocked', code: 'Blocked.NamespaceNotFound', reason: /namespace ghost does not exist in registry tcr-gz01/ },
  { name: 'Domain among the custom domains', row: row({ Domain: 'images.example.com' }), facts: facts(), verdict: 'create' },
  {
    name: 'Domain not a custom domain of the registry',
    row: row({ Domain: 'images.example.org' }),
    facts: facts(),
    verdict: 'blocked',
    code: 'Blocked.DomainNotFound',
    reason: /^Domain images\.example\.org is not a custom domain of registry tcr-gz01 \(its custom domains: images\.example\.com\); leave Domain empty/,
  },
  { name: 'Domain on a registry with none', row: row({ Domain: 'a.example.com' }), facts: facts({ domains: [] }), verdict: 'blocked', code: 'Blocked.DomainNotFound', reason: /its custom domains: none/ },
  { name: 'registry nowhere', row: row(), facts: facts({ registry: null }), verdict: 'blocked', code: 'Blocked.RegistryNotFound', reason: /not found in any region/ },
  {
    name: 'registry in another region than the row',
    row: row(),
    facts: facts({ registry: { region: 'ap-shanghai', status: 'Running' } }),
    verdict: 'blocked',
    code: 'Blocked.RegistryInOtherRegion',
    reason: /is in ap-shanghai, not in ap-guangzhou/,
  },
  {
    name: 'registry not Running',
    row: row(),
    facts: facts({ registry: { region: 'ap-guangzhou', status: 'Isolated' } }),
    verdict: 'blocked',
    code: 'Blocked.RegistryNotRunning',
    reason: /is Isolated; signature policies need a Running registry/,
  },
  { name: 'key missing in its region', row: row(), facts: facts({ key: null }), verdict: 'blocked', code: 'Blocked.KeyNotFound', reason: /not found in ap-guangzhou \(its KmsRegion\)/ },
  {
    name: 'key Disabled',
    row: row(),
    facts: facts({ key: { state: 'Disabled', usage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' } }),
    verdict: 'blocked',
    code: 'Blocked.KeyNotEnabled',
    reason: /is Disabled; a signing key must be Enabled/,
  },
  {
    name: 'key PendingDelete',
    row: row(),
    facts: facts({ key: { state: 'PendingDelete', usage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' } }),
    verdict: 'blocked',
    code: 'Blocked.KeyNotEnabled',
  },
  {
    name: 'key of the wrong usage',
    row: row(),
    facts: facts({ key: { state: 'Enabled', usage: 'ENCRYPT_DECRYPT' } }),
    verdict: 'blocked',
    code: 'Blocked.KeyUsage',
    reason: /has usage ENCRYPT_DECRYPT; image signing needs ASYMMETRIC_SIGN_VERIFY_RSA_2048/,
  },
  {
    name: 'empty KmsRegion looks the key up in the registry region',
    row: row({ KmsRegion: '' }),
    facts: facts({ key: null }),
    verdict: 'blocked',
    code: 'Blocked.KeyNotFound',
    reason: /ap-guangzhou \(the registry's region, as KmsRegion is empty\)/,
  },
  {
    name: 'key in another region than KmsRegion says',
    row: row({ KmsRegion: 'ap-shanghai' }),
    facts: { ...facts(), keys: new Map([[keyFactId(GOOD_KEY, 'ap-shanghai'), null]]) },
    verdict: 'blocked',
    code: 'Blocked.KeyNotFound',
    reason: /not found in ap-shanghai/,
  },
  {
    name: 'every reason at once, the first one as the code',
    row: row({ NamespaceName: 'ghost' }),
    facts: facts({ key: { state: 'Disabled', usage: 'ENCRYPT_DECRYPT' } }),
    verdict: 'blocked',
    code: 'Blocked.NamespaceNotFound',
    reason: /namespace ghost does not exist.*; KMS key .* is Disabled/,
  },
  {
    name: 'a blocked registry still reports the key',
    row: row(),
    facts: facts({ registry: null, key: null }),
    verdict: 'blocked',
    code: 'Blocked.RegistryNotFound',
    reason: /not found in any region these credentials can see; KMS key .* was not found/,
  },
];

for (const c of cases) {
  test(`planRow: ${c.name} → ${c.verdict}${c.code ? ` ${c.code}` : ''}`, (t) => {
    const plan = planRow(c.row, c.facts);
    t.is(plan.verdict, c.verdict);
    t.is(plan.code, c.code);
    if (c.reason) t.regex(plan.reason ?? '', c.reason);
    if (c.verdict === 'create') t.is(plan.reason, undefined);
  });
}

test('planRow: facts that lack a row are a bug, not a verdict', (t) => {
  t.throws(() => planRow(row({ RegistryId: 'tcr-other' }), facts()), { message: /lack registry tcr-other/ });
  t.throws(() => planRow(row({ KmsId: OTHER_KEY }), facts()), { message: /lack KMS key/ });
});

test('applyPlan: create rows to send in order, skips as skipped, blocked as invalid with the code; counts and notes', (t) => {
  const rows = [row({ line: 2 }), row({ line: 3, NamespaceName: 'catalog' }), row({ line: 4, NamespaceName: 'ghost' }), row({ line: 5, NamespaceName: 'orders' })];
  const f = facts({ names: ['payments', 'catalog', 'orders'] });
  const applied = applyPlan(rows.map((r) => planRow(r, f)), { DescribeInstances: 1, DescribeNamespaces: 2, DescribeKeys: 1 });
  t.deepEqual(applied.toSend.map((r) => r.line), [2, 5]);
  t.deepEqual(applied.summary.counts, { create: 2, skip: 1, blocked: 1 });
  t.deepEqual(
    applied.settled.map((r) => [r.line, r.status, r.ErrorCode]),
    [[3, 'skipped', ''], [4, 'invalid', 'Blocked.NamespaceNotFound']],
  );
  t.like(applied.summary.blocked[0], { line: 4, key: 'tcr-gz01/ghost', region: 'ap-guangzhou', code: 'Blocked.NamespaceNotFound' });
  t.like(applied.summary.skipped[0], { line: 3, key: 'tcr-gz01/catalog' });
  t.is(applied.settled[1]?.ErrorMessage, applied.summary.blocked[0]?.reason);
  t.is(applied.settled[1]?.attempts, 0, 'nothing was sent for a blocked row');
  t.deepEqual(applied.summary.readCalls, { DescribeInstances: 1, DescribeNamespaces: 2, DescribeKeys: 1 });
});
