import type { SendOptions } from '../cli/send-options.js';
import type { TcrApi } from '../core/tcr-api.js';
import { resolveCredential } from '../services/credentials.js';
import { createSdkApi } from '../services/sdk-api.js';

/** The real API for a live run: credentials in SPEC order, then the SDK clients. */
export function makeApi(options: SendOptions): () => Promise<TcrApi> {
  return async () => createSdkApi(options.endpoint, await resolveCredential(options.profile));
}
