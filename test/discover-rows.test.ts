import test from 'ava';
import picomatch from 'picomatch';
import { checkNameTemplate, DEFAULT_NAME_TEMPLATE, discoverRows, mergeDiscovered, renderName, type DiscoverRequest } from '../src/core/discover-rows.js';

const BASE: DiscoverRequest = {
  registryId: 'tcr-abc123',
  region: 'ap-guangzhou',
  kmsId: '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3',
  kmsRegion: 'ap-guangzhou',
  nameTemplate: DEFAULT_NAME_TEMPLATE,
  unsignedOnly: false,
};
const NAMESPACES = ['team-b', 'team-a', 'data.ingest', 'team-a-sandbox', 'library'];
const SIGNING = new Set(['library', 'team-b']);

const templates: readonly [template: string, problem: RegExp | undefined][] = [
  ['{namespace}-signing', undefined],
  ['{registry}/{namespace}', undefined],
  ['{region}-{namespace}-{registry}', undefined],
  ['{namespace', /without its closing \}/],
  ['{ns}-signing', /unknown placeholder \{ns\}/],
  ['{namespace}-{Namespace}', /unknown placeholder \{Namespace\}/],
  ['fixed-name', /include \{namespace\}/],
];
for (const [template, problem] of templates) {
  test(`checkNameTemplate(${JSON.stringify(template)}) ${problem ? 'refuses it' : 'accepts it'}`, (t) => {
    const why = checkNameTemplate(template);
    if (problem) t.regex(why ?? '', problem);
    else t.is(why, undefined);
  });
}

test('renderName fills every placeholder, every time it occurs', (t) => {
  t.is(renderName('{namespace}.{namespace}@{registry}:{region}', { namespace: 'ns', registry: 'tcr-x', region: 'ap-guangzhou' }), 'ns.ns@tcr-x:ap-guangzhou');
});

const filters: readonly { name: string; request: Partial<DiscoverRequest>; kept: string[]; dropped: { match: number; exclude: number; signing: number } }[] = [
  { name: 'no filter: every namespace, sorted', request: {}, kept: ['data.ingest', 'library', 'team-a', 'team-a-sandbox', 'team-b'], dropped: { match: 0, exclude: 0, signing: 0 } },
  { name: '--match team-*', request: { match: picomatch('team-*') }, kept: ['team-a', 'team-a-sandbox', 'team-b'], dropped: { match: 2, exclude: 0, signing: 0 } },
  {
    name: '--match team-* --exclude *-sandbox',
    request: { match: picomatch('team-*'), exclude: picomatch('*-sandbox') },
    kept: ['team-a', 'team-b'],
    dropped: { match: 2, exclude: 1, signing: 0 },
  },
  { name: '--match with braces', request: { match: picomatch('{library,data.*}') }, kept: ['data.ingest', 'library'], dropped: { match: 3, exclude: 0, signing: 0 } },
  { name: '--unsigned-only', request: { unsignedOnly: true }, kept: ['data.ingest', 'team-a', 'team-a-sandbox'], dropped: { match: 0, exclude: 0, signing: 2 } },
];
for (const f of filters) {
  test(`discoverRows: ${f.name}`, (t) => {
    const found = discoverRows(NAMESPACES, SIGNING, { ...BASE, ...f.request });
    t.deepEqual(found.rows.map((r) => r.NamespaceName), f.kept);
    t.deepEqual(found.dropped, f.dropped);
  });
}

test('discoverRows fills every input column: Region, names from the template, the key, empty Disabled', (t) => {
  const [row] = discoverRows(['team-a'], new Set(), { ...BASE, nameTemplate: '{registry}-{namespace}', kmsRegion: '', domain: 'images.example.com' }).rows;
  t.deepEqual(row, {
    Region: 'ap-guangzhou',
    RegistryId: 'tcr-abc123',
    NamespaceName: 'team-a',
    Name: 'tcr-abc123-team-a',
    KmsId: BASE.kmsId,
    KmsRegion: '',
    Domain: 'images.example.com',
    Disabled: '',
  });
});

test('mergeDiscovered joins the rows in order and adds up what each filter dropped', (t) => {
  const a = discoverRows(['x1', 'x2'], new Set(['x2']), { ...BASE, unsignedOnly: true });
  const b = discoverRows(['y1', 'y2', 'z'], new Set(), { ...BASE, registryId: 'tcr-other1', match: picomatch('y*') });
  const merged = mergeDiscovered([a, b]);
  t.deepEqual(merged.rows.map((r) => `${r.RegistryId}/${r.NamespaceName}`), ['tcr-abc123/x1', 'tcr-other1/y1', 'tcr-other1/y2']);
  t.deepEqual(merged.dropped, { match: 1, exclude: 0, signing: 1 });
});
