import test from 'ava';
import { SlidingWindowLimiter } from '../src/emulator/rate-limiter.js';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../src/emulator/index.js';
import { GZ_REGISTRY, GZ_SIGNING_KEY, SH_REGISTRY, SH_SIGNING_KEY, SEEDED_POLICIES, startTestEmulator, tcrClient } from './helpers/emulator-kit.js';

test('the sliding window admits `limit` arrivals per 1000 ms and counts only admitted ones', (t) => {
  let now = 0;
  const limiter = new SlidingWindowLimiter(() => now);
  for (let i = 0; i < 20; i += 1) {
    now = i * 10;
    t.true(limiter.admit('a', 20), `arrival ${i}`);
  }
  now = 500;
  t.false(limiter.admit('a', 20));
  t.true(limiter.admit('b', 20), 'another key has its own window');
  now = 999;
  t.false(limiter.admit('a', 20), 'the first arrival (t=0) is still inside the window');
  now = 1000;
  t.true(limiter.admit('a', 20), 'one second after the first arrival, its slot is free');
  t.false(limiter.admit('a', 20), 'the second arrival (t=10) is still inside');
  now = 1010;
  t.true(limiter.admit('a', 20));
});

test('an infinite limit always admits', (t) => {
  const limiter = new SlidingWindowLimiter(() => 0);
  for (let i = 0; i < 1000; i += 1) t.true(limiter.admit('x', Infinity));
});

/** 20 Guangzhou and 20 Shanghai namespaces: 40 distinct creates, all valid, same action and caller. */
const BURST = [
  ...['payments', 'checkout', 'search', 'catalog', 'identity', 'billing', 'ledger', 'risk', 'mobile-api', 'web-frontend',
    'data.ingest', 'data.warehouse', 'ml_models', 'platform', 'observability', 'gateway', 'notifications', 'inventory',
    'shipping', 'support-tools'].map((ns) => ({ region: 'ap-guangzhou', RegistryId: GZ_REGISTRY, NamespaceName: ns, KmsId: GZ_SIGNING_KEY })),
  ...['payments', 'checkout', 'search', 'billing', 'ledger', 'risk', 'mobile-api', 'web-frontend', 'data.ingest',
    'data.warehouse', 'ml_models', 'platform', 'observability', 'gateway', 'notifications', 'inventory', 'shipping',
    'support-tools', 'sandbox', 'archive'].map((ns) => ({ region: 'ap-shanghai', RegistryId: SH_REGISTRY, NamespaceName: ns, KmsId: SH_SIGNING_KEY })),
];

test('a burst of 40 creates within one second: 20 created, 20 RequestLimitExceeded that change nothing', async (t) => {
  let now = 0; // frozen: every request of the burst arrives in the same instant, however slow the machine is
  const emulator = await startTestEmulator({ clock: () => now });
  t.teardown(() => emulator.close());
  const outcomes = await Promise.all(
    BURST.map(async ({ region, ...request }) => {
      try {
        await tcrClient(emulator, { region }).CreateSignaturePolicy({ ...request, Name: 'sig', KmsRegion: '' });
        return `ok ${request.RegistryId}/${request.NamespaceName}`;
      } catch (error) {
        return (error as { code: string }).code;
      }
    }),
  );
  const created = outcomes.filter((o) => o.startsWith('ok '));
  t.is(created.length, 20);
  t.is(outcomes.filter((o) => o === 'RequestLimitExceeded').length, 20);
  t.deepEqual(Object.keys(emulator.state.successfulCreates()).sort(), created.map((o) => o.slice(3)).sort());
  t.is(emulator.state.policies().length, SEEDED_POLICIES + 20, 'the seeded policy plus the admitted creates, nothing from throttled ones');
  t.is(emulator.state.actionCounts()['CreateSignaturePolicy']?.outcomes['RequestLimitExceeded'], 20);

  now = 1000; // a second later the caller is served again
  const retried = BURST.find(({ RegistryId, NamespaceName }) => !created.includes(`ok ${RegistryId}/${NamespaceName}`));
  if (!retried) return t.fail('no throttled request to retry');
  const { region, ...request } = retried;
  await tcrClient(emulator, { region }).CreateSignaturePolicy({ ...request, Name: 'sig', KmsRegion: '' });
  t.is(emulator.state.policies().length, SEEDED_POLICIES + 21);
});

test('the limit is per SecretId and per action', async (t) => {
  const other = { secretId: 'AKIDsecondcaller', secretKey: 'second-key' };
  const emulator = await startTestEmulator({
    clock: () => 0,
    credentials: [{ secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY }, other],
  });
  t.teardown(() => emulator.close());
  const describe = (options = {}) =>
    tcrClient(emulator, options).DescribeRegions().then(() => 'ok', (error: { code: string }) => error.code);
  const first = await Promise.all(Array.from({ length: 21 }, () => describe()));
  t.is(first.filter((o) => o === 'ok').length, 20, 'DescribeRegions is documented at 20/s');
  t.is(await describe(other), 'ok', 'another SecretId has its own budget');
  const namespaces = await tcrClient(emulator).DescribeNamespaces({ RegistryId: GZ_REGISTRY });
  t.is(namespaces.TotalCount, 27, 'another action has its own budget');
});

test('read actions have their documented limits (DescribeNamespaces: 100/s)', async (t) => {
  const emulator = await startTestEmulator({ clock: () => 0 });
  t.teardown(() => emulator.close());
  const client = tcrClient(emulator);
  const outcomes = await Promise.all(
    Array.from({ length: 105 }, () =>
      client.DescribeNamespaces({ RegistryId: GZ_REGISTRY, Limit: 1 }).then(() => 'ok', (error: { code: string }) => error.code),
    ),
  );
  t.is(outcomes.filter((o) => o === 'ok').length, 100);
  t.is(outcomes.filter((o) => o === 'RequestLimitExceeded').length, 5);
});

test('with the real clock, never more than 20 creates are admitted per second of the burst', async (t) => {
  const emulator = await startTestEmulator();
  t.teardown(() => emulator.close());
  const started = performance.now();
  const outcomes = await Promise.all(
    BURST.map(({ region, ...request }) =>
      tcrClient(emulator, { region })
        .CreateSignaturePolicy({ ...request, Name: 'sig', KmsRegion: '' })
        .then(() => 'ok', (error: { code: string }) => error.code),
    ),
  );
  // Every arrival lies inside the time the burst took, so each started second admits at most 20.
  const seconds = Math.floor((performance.now() - started) / 1000) + 1;
  const created = outcomes.filter((o) => o === 'ok').length;
  t.true(created <= 20 * seconds, `${created} created in ${seconds} s`);
  t.is(created + outcomes.filter((o) => o === 'RequestLimitExceeded').length, 40);
  t.is(emulator.state.policies().length, SEEDED_POLICIES + created);
});

test('rateLimitAll limits every action, reads included, and rateLimits still wins for the actions it names', async (t) => {
  const emulator = await startTestEmulator({ clock: () => 0, rateLimitAll: 20, rateLimits: { DescribeRegions: 5 } });
  t.teardown(() => emulator.close());
  const client = tcrClient(emulator);
  const namespaces = await Promise.all(
    Array.from({ length: 25 }, () => client.DescribeNamespaces({ RegistryId: GZ_REGISTRY, Limit: 1 }).then(() => 'ok', (e: { code: string }) => e.code)),
  );
  t.is(namespaces.filter((o) => o === 'ok').length, 20, 'DescribeNamespaces is documented at 100/s but the strict server allows 20');
  const regions = await Promise.all(Array.from({ length: 8 }, () => client.DescribeRegions().then(() => 'ok', (e: { code: string }) => e.code)));
  t.is(regions.filter((o) => o === 'ok').length, 5);
});
