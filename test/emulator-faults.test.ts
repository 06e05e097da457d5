import test from 'ava';
import { FaultPlan } from '../src/emulator/faults.js';
import type { EmulatorHandle, EmulatorOptions } from '../src/emulator/index.js';
import { GZ_REGISTRY, GZ_SIGNING_KEY, SEEDED_POLICIES, failureOf, startTestEmulator, tcrClient } from './helpers/emulator-kit.js';

const NAMESPACES = ['payments', 'checkout', 'search', 'catalog', 'identity', 'billing', 'mobile-api', 'web-frontend', 'platform', 'gateway', 'auth', 'media'];

/** Sends one create per namespace, one after another, and names how each ended. */
async function createEach(emulator: EmulatorHandle): Promise<Array<[string, string]>> {
  const client = tcrClient(emulator);
  const outcomes: Array<[string, string]> = [];
  for (const NamespaceName of NAMESPACES) {
    const request = { RegistryId: GZ_REGISTRY, NamespaceName, Name: `${NamespaceName}-sig`, KmsId: GZ_SIGNING_KEY, KmsRegion: '' };
    try {
      await client.CreateSignaturePolicy(request);
      outcomes.push([NamespaceName, 'ok']);
    } catch (error) {
      const e = error as { code?: string; httpCode?: number };
      outcomes.push([NamespaceName, e.httpCode ? `http-${e.httpCode}` : e.code || 'network-error']);
    }
  }
  return outcomes;
}

async function withEmulator<T>(options: EmulatorOptions, run: (emulator: EmulatorHandle) => Promise<T>): Promise<T> {
  const emulator = await startTestEmulator({ rateLimits: { CreateSignaturePolicy: Infinity }, ...options });
  try {
    return await run(emulator);
  } finally {
    await emulator.close();
  }
}

const created = (emulator: EmulatorHandle): string[] =>
  Object.keys(emulator.state.successfulCreates()).map((key) => key.split('/')[1] ?? '');

test('the same fault seed gives the same decisions; rates are honoured exactly at 0 and 1', (t) => {
  const options = { faultSeed: 42, throttleRate: 0.2, errorRate: 0.3, dropRate: 0.3, latencyMs: 10, jitterMs: 5 };
  const a = new FaultPlan(options);
  const b = new FaultPlan(options);
  const first = Array.from({ length: 200 }, () => a.decide());
  t.deepEqual(first, Array.from({ length: 200 }, () => b.decide()));
  t.true(first.every((d) => d.delayMs >= 10 && d.delayMs <= 15));
  for (const outcome of ['none', 'throttle', 'http-502', 'http-503', 'dropped-before', 'dropped-after']) {
    t.true(first.some((d) => d.outcome === outcome), outcome);
  }
  t.not(JSON.stringify(first), JSON.stringify(Array.from({ length: 200 }, () => new FaultPlan({ ...options, faultSeed: 7 }).decide())));
  const always = new FaultPlan({ throttleRate: 1 });
  t.true(Array.from({ length: 50 }, () => always.decide()).every((d) => d.outcome === 'throttle'));
  t.false(new FaultPlan({}).active);
});

test('--throttle-rate 1 answers every create RequestLimitExceeded and creates nothing; reads are untouched', (t) =>
  withEmulator({ throttleRate: 1 }, async (emulator) => {
    const outcomes = await createEach(emulator);
    t.true(outcomes.every(([, o]) => o === 'RequestLimitExceeded'));
    t.deepEqual(created(emulator), []);
    const namespaces = await tcrClient(emulator).DescribeNamespaces({ RegistryId: GZ_REGISTRY, KmsSignPolicy: true });
    t.is(namespaces.TotalCount, 0);
  }));

test('--error-rate 1 answers HTTP 503 before and 502 after the change', (t) =>
  withEmulator({ errorRate: 1, faultSeed: 3 }, async (emulator) => {
    const outcomes = await createEach(emulator);
    t.true(outcomes.every(([, o]) => o === 'http-502' || o === 'http-503'));
    t.true(outcomes.some(([, o]) => o === 'http-502') && outcomes.some(([, o]) => o === 'http-503'));
    t.deepEqual(created(emulator).sort(), outcomes.filter(([, o]) => o === 'http-502').map(([ns]) => ns).sort());
  }));

test('--drop-rate 1 closes every connection unanswered, half before and half after the change', (t) =>
  withEmulator({ dropRate: 1, faultSeed: 5 }, async (emulator) => {
    const outcomes = await createEach(emulator);
    t.true(outcomes.every(([, o]) => o === 'network-error'));
    const counts = emulator.state.actionCounts()['CreateSignaturePolicy']?.outcomes ?? {};
    t.is((counts['dropped-before'] ?? 0) + (counts['dropped-after'] ?? 0), NAMESPACES.length);
    t.true((counts['dropped-before'] ?? 0) > 0 && (counts['dropped-after'] ?? 0) > 0);
    t.is(created(emulator).length, counts['dropped-after'] ?? -1);
    const signing = await tcrClient(emulator).DescribeNamespaces({ RegistryId: GZ_REGISTRY, KmsSignPolicy: true, All: true });
    t.is(signing.TotalCount, counts['dropped-after']);
  }));

test('a fault seed makes a whole run repeat exactly', async (t) => {
  const options = { faultSeed: 11, throttleRate: 0.25, errorRate: 0.25, dropRate: 0.25 };
  const first = await withEmulator(options, createEach);
  const second = await withEmulator(options, createEach);
  t.deepEqual(first, second);
  t.true(new Set(first.map(([, o]) => o)).size >= 3, JSON.stringify(first));
});

test('--latency-ms delays a faulted answer by at least that long', (t) =>
  withEmulator({ latencyMs: 150, jitterMs: 50, faultSeed: 1 }, async (emulator) => {
    const started = performance.now();
    await tcrClient(emulator).CreateSignaturePolicy({ RegistryId: GZ_REGISTRY, NamespaceName: 'payments', Name: 'p', KmsId: GZ_SIGNING_KEY, KmsRegion: '' });
    // Timers may fire up to a millisecond early against performance.now(); the bound allows for that only.
    t.true(performance.now() - started >= 149);
    t.true((emulator.state.recentRequests().at(-1)?.ms ?? 0) >= 149);
  }));

test('a slow create takes effect when answered by default, and as it arrives with effectOnArrival', async (t) => {
  const create = (emulator: EmulatorHandle): Promise<unknown> =>
    tcrClient(emulator).CreateSignaturePolicy({ RegistryId: GZ_REGISTRY, NamespaceName: 'payments', Name: 'p', KmsId: GZ_SIGNING_KEY, KmsRegion: '' });
  const signsHalfway = async (emulator: EmulatorHandle): Promise<boolean> => {
    const before = emulator.state.policies().length;
    const answered = create(emulator);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const halfway = emulator.state.policies().length > before;
    await answered;
    t.is(emulator.state.policies().length, before + 1, 'the policy exists once answered, either way');
    return halfway;
  };
  t.false(await withEmulator({ latencyMs: 600 }, signsHalfway), 'by default the change waits for the answer');
  t.true(await withEmulator({ latencyMs: 600, effectOnArrival: true }, signsHalfway), 'with effectOnArrival it is made before the delay');
});

test('faults apply to the write actions by default and to faultActions when given', async (t) => {
  await withEmulator({ throttleRate: 1 }, async (emulator) => {
    t.truthy((await tcrClient(emulator).DescribeRegions()).TotalCount);
    const del = await failureOf(tcrClient(emulator, { region: 'ap-shanghai' }).DeleteSignaturePolicy({ RegistryId: 'tcr-9x8y7z6w', NamespaceName: 'catalog' }));
    t.is(del.code, 'RequestLimitExceeded');
    t.is(emulator.state.policies().length, SEEDED_POLICIES, 'the throttled delete removed nothing');
  });
  await withEmulator({ throttleRate: 1, faultActions: ['DescribeNamespaces'] }, async (emulator) => {
    t.is((await failureOf(tcrClient(emulator).DescribeNamespaces({ RegistryId: GZ_REGISTRY }))).code, 'RequestLimitExceeded');
    const outcomes = await createEach(emulator);
    t.true(outcomes.every(([, o]) => o === 'ok'));
  });
});

test('unusable fault switches are refused at start', async (t) => {
  await t.throwsAsync(startTestEmulator({ throttleRate: 2 }), { instanceOf: RangeError, message: /throttleRate/ });
  await t.throwsAsync(startTestEmulator({ errorRate: 0.6, dropRate: 0.6 }), { instanceOf: RangeError, message: /exceed 1/ });
  await t.throwsAsync(startTestEmulator({ faultActions: ['Nope'] }), { instanceOf: RangeError, message: /unknown action Nope/ });
});
