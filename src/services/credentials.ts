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

/** Half of the pair in the environment is a mistake to name, not a reason to look for other credentials. */
function checkPair(env: NodeJS.ProcessEnv): void {
  const id = Boolean(env.TENCENTCLOUD_SECRET_ID);
  if (id === Boolean(env.TENCENTCLOUD_SECRET_KEY)) return;
  const [set, missing] = id ? ['TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY'] : ['TENCENTCLOUD_SECRET_KEY', 'TENCENTCLOUD_SECRET_ID'];
  throw new UsageError(t('cred.halfSet', { set, missing }), t('cred.halfSetHint', { set, missing }));
}

/**
 * Credentials in this order: the environment, then `--profile` (or tccli's default profile), then
 * the SDK's own chain (~/.tencentcloud/credentials, a CVM role, a TKE OIDC role).
 */
export async function resolveCredential(profileName: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<Credential> {
  const atHand = quickCredential(profileName, env);
  if (atHand) return atHand;
  if (profileName) throw new UsageError(t('cred.profileEmpty', { profile: profileName }), t('cred.profileEmptyHint', { profile: profileName }));
  const fromSdk = await sdkChain();
  if (fromSdk) return fromSdk;
  throw new UsageError(t('cred.none'), t('cred.noneHint'));
}

/** The SDK's file and role providers, each given a few seconds: off a CVM the role lookup would hang. */
async function sdkChain(): Promise<Credential | undefined> {
  const mod = await import('tencentcloud-sdk-nodejs/tencentcloud/common/credential.js');
  // CvmRoleCredential is exported through a getter that ESM's named-export detection cannot see.
  const sdk = (mod as unknown as { default: typeof mod }).default;
  const providers = [new sdk.ProfileCredential(), new sdk.CvmRoleCredential()];
  for (const provider of providers) {
    const found = await Promise.race([
      provider.getCredential().catch(() => undefined),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 3000).unref()),
    ]);
    if (found?.secretId && found.secretKey) return { secretId: found.secretId, secretKey: found.secretKey, token: found.token || undefined };
  }
  return undefined;
}
