import { UsageError } from '../core/errors.js';
import { readTccliProfile } from './tccli-profile.js';
import { t } from '../i18n/messages.js';

/** What the SDK signs with. Never printed, logged, exported or journaled. */
export interface Credential {
  readonly secretId: string;
  readonly secretKey: string;
  readonly token?: string;
}

/**
 * Asked for the credential before every request (the SDK's DynamicCredential): a role's or a CVM's
 * temporary keys change, so a value resolved once and passed around would go stale.
 */
export interface CredentialProvider {
  getCredential(): Promise<Credential>;
}

/**
 * Credentials that are at hand without waiting: the environment, then the tccli profile. The SDK's
 * role chain can take seconds to give up off a CVM, too long to hold a question for a list.
 */
export function quickCredential(profileName: string | undefined, env: NodeJS.ProcessEnv = process.env): Credential | undefined {
  checkPair(env);
  const token = env.TENCENTCLOUD_SESSION_TOKEN || env.TENCENTCLOUD_TOKEN || undefined;
  if (env.TENCENTCLOUD_SECRET_ID && env.TENCENTCLOUD_SECRET_KEY) {
    return { secretId: env.TENCENTCLOUD_SECRET_ID, secretKey: env.TENCENTCLOUD_SECRET_KEY, token };
  }
  const profile = readTccliProfile(profileName);
  return profile?.secretId && profile.secretKey ? { secretId: profile.secretId, secretKey: profile.secretKey, token: profile.token } : undefined;
}

const fixed = (credential: Credential): CredentialProvider => ({ getCredential: () => Promise.resolve(credential) });

/** Half of the pair in the environment is a mistake to name, not a reason to look for other credentials. */
function checkPair(env: NodeJS.ProcessEnv): void {
  const id = Boolean(env.TENCENTCLOUD_SECRET_ID);
  if (id === Boolean(env.TENCENTCLOUD_SECRET_KEY)) return;
  const [set, missing] = id ? ['TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY'] : ['TENCENTCLOUD_SECRET_KEY', 'TENCENTCLOUD_SECRET_ID'];
  throw new UsageError(t('cred.halfSet', { set, missing }), t('cred.halfSetHint', { set, missing }));
}

/**
 * The base credentials' provider, in this order: the environment, then `--profile` (or tccli's default
 * profile), then the SDK's own chain (~/.tencentcloud/credentials, a CVM role, a TKE OIDC role);
 * `--use-cvm-role` asks the CVM's role only. Resolved here, once, so a missing credential is a usage
 * error before anything is sent; the provider found is then asked before each request.
 */
export async function baseProvider(
  o: { readonly profile?: string; readonly useCvmRole?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): Promise<CredentialProvider> {
  if (o.useCvmRole) {
    const provider = (await sdkProviders()).cvm;
    if (await answers(provider)) return provider;
    throw new UsageError(t('cred.noCvmRole'), t('cred.noCvmRoleHint'));
  }
  const atHand = quickCredential(o.profile, env);
  if (atHand) return fixed(atHand);
  if (o.profile) throw new UsageError(t('cred.profileEmpty', { profile: o.profile }), t('cred.profileEmptyHint', { profile: o.profile }));
  const { chain } = await sdkProviders();
  for (const provider of chain) if (await answers(provider)) return provider;
  throw new UsageError(t('cred.none'), t('cred.noneHint'));
}

async function sdkProviders(): Promise<{ cvm: CredentialProvider; chain: CredentialProvider[] }> {
  const mod = await import('tencentcloud-sdk-nodejs/tencentcloud/common/credential.js');
  // CvmRoleCredential is exported through a getter that ESM's named-export detection cannot see.
  const sdk = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const cvm = new sdk.CvmRoleCredential() as CredentialProvider;
  return { cvm, chain: [new sdk.ProfileCredential() as CredentialProvider, cvm, new sdk.OIDCRoleArnCredential() as CredentialProvider] };
}

/** Whether a provider gives a key within a few seconds: off a CVM the role lookup would hang. */
async function answers(provider: CredentialProvider): Promise<boolean> {
  const found = await Promise.race([
    provider.getCredential().catch(() => undefined),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 3000).unref()),
  ]);
  return Boolean(found?.secretId && found.secretKey);
}
