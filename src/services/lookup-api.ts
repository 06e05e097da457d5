import type { Endpoints } from '../core/endpoint.js';
import type { TcrApi } from '../core/tcr-api.js';
import { quickCredential } from './credentials.js';
import type { Access } from './open-api.js';

/**
 * The API for the wizard's lists, with a short timeout, acting in the account the wizard works in (a
 * --role-arn's, through STS, as the policy will be created there); undefined without quick credentials.
 */
export async function lookupApi(endpoint: Endpoints, access: Pick<Access, 'profile' | 'roleArn' | 'roleSessionName'>): Promise<TcrApi | undefined> {
  const credential = quickCredential(access.profile);
  if (!credential) return undefined;
  const { openApi } = await import('./open-api.js');
  return openApi({ endpoint, ...access }, { credential, timeoutSeconds: 8 });
}
