import type { Endpoints } from '../core/endpoint.js';
import type { TcrApi } from '../core/tcr-api.js';
import { quickCredential } from './credentials.js';

/** The API for the wizard's lists, with a short timeout; undefined without quick credentials. */
export async function lookupApi(endpoint: Endpoints, profileName: string | undefined): Promise<TcrApi | undefined> {
  const credential = quickCredential(profileName);
  if (!credential) return undefined;
  const { openApi } = await import('./open-api.js');
  return openApi({ endpoint, profile: profileName }, { credential, timeoutSeconds: 8 });
}
