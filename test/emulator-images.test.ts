// The emulator's repositories and tags through the real SDK over HTTP: listing in both name forms and
// both page readings, signing (needs the namespace's policy), and the state view of signed and unsigned tags.
import test from 'ava';
import { startTestEmulator, failureOf, tcrClient } from './helpers/emulator-kit.js';
import { STATE_PATH } from '../src/emulator/state-view.js';

const WORLD = 'fixtures/images-world.json';

test('the world seed: 2 registries, 6 namespaces, 8 repositories, 485 tags; a nested name; names with the namespace by default', async (t) => {
  const emulator = await startTestEmulator({ seed: WORLD });
  t.teardown(() => emulator.close());
  const images = emulator.state.images();
  t.is(images.length, 8);
  t.is(new Set(images.map((r) => `${r.RegistryId}/${r.NamespaceName}`)).size, 6);
  t.is(images.reduce((n, r) => n + r.signed.length + r.unsigned.length, 0), 485);
  const gz = tcrClient(emulator);
  const repos = await gz.DescribeRepositories({ RegistryId: 'tcr-world01', Limit: 100 });
  t.is(repos.TotalCount, 4);
  t.deepEqual(repos.RepositoryList?.map((r) => [r.Name, r.Namespace]), [['apps/api', 'apps'], ['apps/images/debian', 'apps'], ['web/frontend', 'web'], ['tools/ci', 'tools']]);
  const one = await gz.DescribeRepositories({ RegistryId: 'tcr-world01', NamespaceName: 'apps', Limit: 1, Offset: 2 });
  t.deepEqual(one.RepositoryList?.map((r) => r.Name), ['apps/images/debian'], 'Offset is a page number from 1');
});

test('the bare name form answers repository names without their namespace', async (t) => {
  const emulator = await startTestEmulator({ seed: WORLD, repositoryNames: 'bare' });
  t.teardown(() => emulator.close());
  const repos = await tcrClient(emulator).DescribeRepositories({ RegistryId: 'tcr-world01', NamespaceName: 'apps' });
  t.deepEqual(repos.RepositoryList?.map((r) => r.Name), ['api', 'images/debian']);
});

test('DescribeImages: Limit default 20 and at most 100, Offset a page from 1 (limit 20 offset 2 is items 21-40); KmsSignature set only when signed', async (t) => {
  const emulator = await startTestEmulator({ seed: WORLD });
  t.teardown(() => emulator.close());
  const gz = tcrClient(emulator);
  const where = { RegistryId: 'tcr-world01', NamespaceName: 'apps', RepositoryName: 'api' };
  const first = await gz.DescribeImages(where);
  t.is(first.TotalCount, 250);
  t.is(first.ImageInfoList?.length, 20);
  t.is(first.ImageInfoList?.[0]?.ImageVersion, 'v1');
  const second = await gz.DescribeImages({ ...where, Limit: 20, Offset: 2 });
  t.deepEqual([second.ImageInfoList?.[0]?.ImageVersion, second.ImageInfoList?.[19]?.ImageVersion], ['v21', 'v40']);
  t.deepEqual((await gz.DescribeImages({ ...where, Offset: 0 })).ImageInfoList?.[0]?.ImageVersion, 'v1', 'Offset 0 is the first page too');
  t.is((await failureOf(gz.DescribeImages({ ...where, Limit: 101 }))).code, 'InvalidParameterValue');
  const page3 = await gz.DescribeImages({ ...where, Limit: 100, Offset: 1 });
  const signed = page3.ImageInfoList?.filter((i) => i.KmsSignature) ?? [];
  t.is(signed.length, 40);
  const unsigned = page3.ImageInfoList?.filter((i) => !i.KmsSignature) ?? [];
  t.true(unsigned.some((i) => i.KmsSignature === '') && unsigned.some((i) => !('KmsSignature' in i)), 'unsigned tags come with an empty KmsSignature and with none');
  t.is((await failureOf(gz.DescribeImages({ ...where, RepositoryName: 'apps/api' }))).code, 'ResourceNotFound', 'a name with its namespace is another repository');
});

test('pages counted from 0 under the other reading', async (t) => {
  const emulator = await startTestEmulator({ seed: WORLD, pagesFromZero: true });
  t.teardown(() => emulator.close());
  const page = await tcrClient(emulator).DescribeImages({ RegistryId: 'tcr-world01', NamespaceName: 'apps', RepositoryName: 'api', Limit: 20, Offset: 1 });
  t.is(page.ImageInfoList?.[0]?.ImageVersion, 'v21');
});

test('CreateSignature signs one tag of a namespace with a policy; refuses one without a policy and an unknown tag', async (t) => {
  const emulator = await startTestEmulator({ seed: WORLD });
  t.teardown(() => emulator.close());
  const gz = tcrClient(emulator);
  const answer = await gz.CreateSignature({ RegistryId: 'tcr-world01', NamespaceName: 'apps', RepositoryName: 'images/debian', ImageVersion: 'v9' });
  t.truthy(answer.RequestId);
  const debian = emulator.state.images('tcr-world01').find((r) => r.RepositoryName === 'images/debian');
  t.true(debian?.signed.includes('v9'));
  t.false(debian?.unsigned.includes('v9'));
  t.deepEqual(emulator.state.successfulSignatures(), { 'tcr-world01/apps/images/debian:v9': 1 });
  const noPolicy = await failureOf(gz.CreateSignature({ RegistryId: 'tcr-world01', NamespaceName: 'tools', RepositoryName: 'ci', ImageVersion: 'v1' }));
  t.is(noPolicy.code, 'UnsupportedOperation');
  t.regex(noPolicy.message, /no signature policy/);
  t.is((await failureOf(gz.CreateSignature({ RegistryId: 'tcr-world01', NamespaceName: 'apps', RepositoryName: 'api', ImageVersion: 'v999' }))).code, 'ResourceNotFound');
  const state = (await (await fetch(`${emulator.url}${STATE_PATH}?RegistryId=tcr-world01`)).json()) as { images: { RepositoryName: string; signed: string[]; unsigned: string[] }[] };
  t.true(state.images.find((r) => r.RepositoryName === 'images/debian')?.signed.includes('v9'));
  t.is(state.images.find((r) => r.RepositoryName === 'ci')?.unsigned.length, 20);
});

test('CreateSignature is limited to 20 a second and faulted like the other writes', async (t) => {
  const emulator = await startTestEmulator({ seed: WORLD, clock: () => 0 });
  t.teardown(() => emulator.close());
  const gz = tcrClient(emulator);
  const sign = (n: number) => gz.CreateSignature({ RegistryId: 'tcr-world01', NamespaceName: 'apps', RepositoryName: 'api', ImageVersion: `v${n}` }).then(() => 'ok', (e: { code?: string }) => e.code ?? 'error');
  const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => sign(i + 41)));
  t.is(answers.filter((a) => a === 'ok').length, 20);
  t.is(answers.filter((a) => a === 'RequestLimitExceeded').length, 5);
  const faulty = await startTestEmulator({ seed: WORLD, throttleRate: 1, faultSeed: 1 });
  t.teardown(() => faulty.close());
  t.is((await failureOf(tcrClient(faulty).CreateSignature({ RegistryId: 'tcr-world01', NamespaceName: 'apps', RepositoryName: 'api', ImageVersion: 'v50' }))).code, 'RequestLimitExceeded');
  t.deepEqual(faulty.state.successfulSignatures(), {});
});

test('CreateSignature answers UnsupportedRegion in a region its API page does not list, even with a policy', async (t) => {
  const seed = {
    registries: [{ RegistryId: 'tcr-toronto1', Region: 'na-toronto', Namespaces: [{ Name: 'apps', Repositories: [{ Name: 'api', Tags: 2 }] }] }],
    kmsKeys: [{ KeyId: 'k-to', Region: 'na-toronto', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
    policies: [{ RegistryId: 'tcr-toronto1', NamespaceName: 'apps', Name: 'apps-signing', KmsId: 'k-to', KmsRegion: 'na-toronto' }],
  };
  const emulator = await startTestEmulator({ seed });
  t.teardown(() => emulator.close());
  const to = tcrClient(emulator, { region: 'na-toronto' });
  t.is((await to.DescribeImages({ RegistryId: 'tcr-toronto1', NamespaceName: 'apps', RepositoryName: 'api' })).TotalCount, 2, 'listing works there');
  t.is((await failureOf(to.CreateSignature({ RegistryId: 'tcr-toronto1', NamespaceName: 'apps', RepositoryName: 'api', ImageVersion: 'v1' }))).code, 'UnsupportedRegion');
});

test('a seed with a repository or tag listed twice, or a bad repository form, is refused naming each', async (t) => {
  const { normalizeSeed } = await import('../src/emulator/normalize-seed.js');
  const error = t.throws(() => normalizeSeed({
    repositoryNames: 'short',
    registries: [{ RegistryId: 'tcr-x', Region: 'ap-guangzhou', Namespaces: [{ Name: 'a', Repositories: [{ Name: 'r', Tags: ['v1', 'v1'] }, { Name: 'r' }, 7] }] }],
  }, 'test'));
  t.regex(error?.message ?? '', /repositoryNames/);
  t.regex(error?.message ?? '', /tag is listed twice/);
  t.regex(error?.message ?? '', /repository "r" is listed twice/);
  t.regex(error?.message ?? '', /Repositories\[2\]/);
});
