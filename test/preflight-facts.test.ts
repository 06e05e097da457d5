import test from 'ava';
import { keyFactId } from '../src/core/plan-rows.js';
import { totalCalls } from '../src/core/plan-summary.js';
import { gatherPreflightFacts } from '../src/services/gather-preflight-facts.js';
import { createPreflightReader } from '../src/services/preflight-reader.js';
import { listNamespaces } from '../src/services/preflight-queries.js';
import { runPreflight } from '../src/services/run-preflight.js';
import { fakeApi, rowsOver, type FakeRegistry } from './helpers/preflight-fake-api.js';

const KEY: Readonly<Record<string, string>> = {
  'ap-guangzhou': '11111111-0000-4000-8000-00000000a001',
  'ap-shanghai': '11111111-0000-4000-8000-00000000a002',
  'ap-singapore': '11111111-0000-4000-8000-00000000a003',
};
const keyOf = (region: string): string => KEY[region] as string;
const KEYS = Object.entries(KEY).map(([region, id]) => ({ id, region }));

/** Five registries over three regions, each holding the namespaces of its rows, one more, and ten that sign. */
function registriesFor(n: number): FakeRegistry[] {
  const regions = ['ap-guangzhou', 'ap-shanghai', 'ap-guangzhou', 'ap-singapore', 'ap-shanghai'];
  return regions.map((region, r) => {
    const namespaces = [...Array.from({ length: n }, (_, i) => i).filter((i) => i % 5 === r).map((i) => `ns-${i}`), 'sandbox'];
    return { id: `tcr-reg0${r}`, region, namespaces, signing: namespaces.slice(0, 10) };
  });
}

test('1,000 rows over 5 registries and 3 keys cost 26 read calls, whatever the row count', async (t) => {
  const registries = registriesFor(1000);
  const api = fakeApi(registries, KEYS);
  const applied = await runPreflight(rowsOver(1000, registries, keyOf), api);
  // DescribeInstances: one per region (3). DescribeNamespaces: 201 names = 3 pages of 100, plus 1 page
  // of those that sign, per registry (5 × 4). DescribeKeys: one per key (3).
  t.deepEqual(applied.summary.readCalls, { DescribeInstances: 3, DescribeNamespaces: 20, DescribeKeys: 3 });
  t.is(totalCalls(applied.summary.readCalls), 26);
  t.is(api.count(), 26, 'every call the API saw is counted');
  t.deepEqual(applied.summary.counts, { create: 950, skip: 50, blocked: 0 });
  t.is(applied.toSend.length, 950);
});

test('the call count does not grow with the rows: 10 and 1,000 rows over the same registries and keys', async (t) => {
  const registries = registriesFor(1000);
  const few = fakeApi(registries, KEYS);
  await runPreflight(rowsOver(10, registries, keyOf), few);
  const many = fakeApi(registries, KEYS);
  await runPreflight(rowsOver(1000, registries, keyOf), many);
  t.is(few.count(), many.count());
});

test('paging reads every namespace past the first pages; an item-wise Offset is what is sent', async (t) => {
  const names = Array.from({ length: 250 }, (_, i) => `team-${i}`);
  const api = fakeApi([{ id: 'tcr-big', region: 'ap-guangzhou', namespaces: names }], []);
  const reader = createPreflightReader(api);
  const found = await listNamespaces(reader, 'tcr-big', 'ap-guangzhou', false);
  t.is(found.size, 250);
  t.deepEqual(api.calls.map((c) => c.params.Offset), [0, 100, 200]);
  t.true(api.calls.every((c) => c.params.Limit === 100));
});

test('a service that counts Offset in pages comes up short, and one All call fetches the whole list', async (t) => {
  const names = Array.from({ length: 250 }, (_, i) => `team-${i}`);
  const api = fakeApi([{ id: 'tcr-big', region: 'ap-guangzhou', namespaces: names }], [], { offsetCounts: 'pages' });
  const found = await listNamespaces(createPreflightReader(api), 'tcr-big', 'ap-guangzhou', false);
  t.is(found.size, 250);
  t.is(api.calls.at(-1)?.params.All, true);
});

test('a registry missing from its row region is looked for in every region once, and found elsewhere', async (t) => {
  const registries: FakeRegistry[] = [
    { id: 'tcr-gz01', region: 'ap-guangzhou', namespaces: ['a'] },
    { id: 'tcr-sh01', region: 'ap-shanghai', namespaces: ['a'] },
  ];
  const rows = [
    ...rowsOver(2, [registries[0] as FakeRegistry], keyOf),
    { line: 9, region: 'ap-guangzhou', request: { RegistryId: 'tcr-sh01', Name: 'x', NamespaceName: 'a', KmsId: keyOf('ap-guangzhou'), KmsRegion: 'ap-guangzhou' } },
    { line: 10, region: 'ap-guangzhou', request: { RegistryId: 'tcr-nowhere', Name: 'x', NamespaceName: 'a', KmsId: keyOf('ap-guangzhou'), KmsRegion: 'ap-guangzhou' } },
  ];
  const api = fakeApi(registries, KEYS);
  const facts = await gatherPreflightFacts(rows, createPreflightReader(api));
  t.deepEqual(facts.registries.get('tcr-sh01'), { region: 'ap-shanghai', status: 'Running' });
  t.is(facts.registries.get('tcr-nowhere'), null);
  t.deepEqual(api.calls.filter((c) => c.params.AllRegion === true).map((c) => c.params.Registryids), [['tcr-nowhere', 'tcr-sh01']]);
  t.false(facts.namespaces.has('tcr-sh01'), 'no row can use it, so its namespaces are not read');
  t.is(facts.keys.get(keyFactId(keyOf('ap-guangzhou'), 'ap-guangzhou'))?.state, 'Enabled');
});

test('throttled and unanswered reads are retried, and every attempt counted', async (t) => {
  const registries = registriesFor(10);
  const api = fakeApi(registries, KEYS, { failFirst: { DescribeKeys: { n: 1, code: 'RequestLimitExceeded' }, DescribeInstances: { n: 1, code: 'NetworkError' } } });
  const applied = await runPreflight(rowsOver(10, registries, keyOf), api, { random: () => 0 });
  t.is(applied.summary.counts.create + applied.summary.counts.skip, 10);
  t.is(applied.summary.readCalls.DescribeKeys, 4);
  t.is(applied.summary.readCalls.DescribeInstances, 4);
});

test('a read refused for good ends the preflight with a failed plan: what failed, what to do, every row not-sent', async (t) => {
  const registries = registriesFor(10);
  const api = fakeApi(registries, KEYS, { failFirst: { DescribeNamespaces: { n: 100, code: 'UnauthorizedOperation' } } });
  const applied = await runPreflight(rowsOver(10, registries, keyOf), api);
  const failure = applied.summary.failure;
  t.is(failure?.code, 'UnauthorizedOperation');
  t.regex(failure?.message ?? '', /^DescribeNamespaces for registry tcr-reg0\d \(ap-[a-z]+\).* failed: UnauthorizedOperation/);
  t.regex(failure?.hint ?? '', /--no-preflight/);
  t.deepEqual(applied.toSend, []);
  t.deepEqual([...new Set(applied.settled.map((r) => `${r.status} ${r.ErrorCode}`))], ['not-sent UnauthorizedOperation']);
  t.is(applied.settled.length, 10);
  t.true(api.count('DescribeNamespaces') <= 10, 'a refusal is not retried');
  t.true(applied.summary.readCalls.DescribeNamespaces !== undefined, 'the calls made before the failure are still counted');
});

test('a failure that is not an API answer is a bug, and is thrown', async (t) => {
  const api = { call: () => Promise.reject(new Error('boom')) };
  await t.throwsAsync(runPreflight(rowsOver(1, registriesFor(1), keyOf), api), { message: 'boom' });
});

test('the same read asked twice is answered once', async (t) => {
  const api = fakeApi([], [{ id: 'k', region: 'ap-guangzhou' }]);
  const reader = createPreflightReader(api);
  await Promise.all([reader.read('DescribeKeys', 'ap-guangzhou', { KeyIds: ['k'] }), reader.read('DescribeKeys', 'ap-guangzhou', { KeyIds: ['k'] })]);
  t.is(api.count(), 1);
  t.deepEqual(reader.calls, { DescribeKeys: 1 });
});

test('no read waits on another lane it does not need: namespaces are read while DescribeKeys and another region\'s DescribeInstances hang', async (t) => {
  const registries = registriesFor(10);
  const api = fakeApi(registries, KEYS);
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  // DescribeKeys, and DescribeInstances in ap-shanghai, answer only once released.
  const hanging = { ...api, async call(...args: Parameters<typeof api.call>) {
    const [, action, region] = args;
    if (action === 'DescribeKeys' || (action === 'DescribeInstances' && region === 'ap-shanghai')) await held;
    return api.call(...args);
  } };
  const facts = gatherPreflightFacts(rowsOver(10, registries, keyOf), createPreflightReader(hanging));
  const elsewhere = registries.filter((r) => r.region !== 'ap-shanghai').map((r) => r.id).sort();
  await waitUntil(() => new Set(api.calls.filter((c) => c.action === 'DescribeNamespaces').map((c) => String(c.params.RegistryId))).size === elsewhere.length);
  t.deepEqual([...new Set(api.calls.filter((c) => c.action === 'DescribeNamespaces').map((c) => String(c.params.RegistryId)))].sort(), elsewhere);
  t.is(api.count('DescribeKeys'), 0, 'the keys were still hanging');
  release();
  t.is((await facts).namespaces.size, registries.length);
});

/** Lets pending promises run until `condition` holds (a few hundred turns of the event loop at most). */
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
}
