// Images for sign-images tests: a generated world for runs that must list for a while (one registry,
// one namespace with a policy, R repositories, the first one nested, `images/r0`, of N tags each), and
// what an emulator holds, tag by tag.
import type { EmulatorHandle } from '../../src/emulator/index.js';
import type { EmulatorSeed } from '../../src/emulator/seed-format.js';

export const IMAGES_REGISTRY = 'tcr-stream01';
const KEY = 'c0000000-0000-4000-8000-000000000001';

/** `unsignedEvery`: one tag in that many is unsigned (1: all), spread so every DescribeImages page has some. */
export function imagesSeed(o: { readonly repositories: number; readonly tags: number; readonly unsignedEvery?: number }): EmulatorSeed {
  const every = o.unsignedEvery ?? 1;
  return {
    registries: [{
      RegistryId: IMAGES_REGISTRY, Region: 'ap-guangzhou',
      Namespaces: [{
        Name: 'apps',
        Repositories: Array.from({ length: o.repositories }, (_, r) => ({
          Name: r === 0 ? 'images/r0' : `r${r}`,
          Tags: every === 1 ? o.tags : Array.from({ length: o.tags }, (_, i) => ({ Name: `v${i}`, Signed: i % every !== 0 })),
        })),
      }],
    }],
    kmsKeys: [{ KeyId: KEY, Region: 'ap-guangzhou', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
    policies: [{ RegistryId: IMAGES_REGISTRY, NamespaceName: 'apps', Name: 'apps-signing', KmsId: KEY, KmsRegion: 'ap-guangzhou' }],
  };
}

/** The actions whose answers a listing-while-signing run delays (the emulator's latency applies to these). */
export const LISTS_AND_SIGNS = ['DescribeRepositories', 'DescribeImages', 'CreateSignature'];

/** What the emulator holds, tag by tag: `registry/namespace/repository:tag` → signed. */
export function heldTags(emulator: EmulatorHandle): Map<string, boolean> {
  const tags = new Map<string, boolean>();
  for (const repo of emulator.state.images()) {
    const at = `${repo.RegistryId}/${repo.NamespaceName}/${repo.RepositoryName}`;
    for (const tag of repo.signed) tags.set(`${at}:${tag}`, true);
    for (const tag of repo.unsigned) tags.set(`${at}:${tag}`, false);
  }
  return tags;
}
