import type { Endpoints } from '../core/endpoint.js';
import type { TcrApi } from '../core/tcr-api.js';
import type { Credential } from './credentials.js';
import { readTccliProfile } from './tccli-profile.js';

/**
 * Credentials that are at hand without waiting: the environment, then the tccli profile. The SDK's
 * role chain can take seconds to give up off a CVM, too long to hold a question for a list.
 */
export function quickCredential(profileName: string | undefined, env: NodeJS.ProcessEnv = process.env): Credential | undefined {
  const token = env.TENCENTCLOUD_SESSION_TOKEN || env.TENCENTCLOUD_TOKEN || undefined;
  if (env.TENCENTCLOUD_SECRET_ID && env.TENCENTCLOUD_SECRET_KEY) {
    return { secretId: env.TENCENTCLOUD_SECRET_ID, secretKey: env.TENCENTCLOUD_SECRET_KEY, token };
  }
  const profile = readTccliProfile(profileName);
  return profile?.secretId && profile.secretKey ? { secretId: profile.secretId, secretKey: profile.secretKey, token: profile.token } : undefined;
}

/** The API for the wizard's lists, with a short timeout; undefined without quick credentials. */
export async function lookupApi(endpoint: Endpoints, profileName: string | undefined): Promise<TcrApi | undefined> {
  const credential = quickCredential(profileName);
  if (!credential) return undefined;
  const { createSdkApi } = await import('./sdk-api.js');
  return createSdkApi(endpoint, credential, { timeoutSeconds: 8 });
}
