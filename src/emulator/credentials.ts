import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from './demo-credentials.js';
import type { EmulatorCredential } from './types.js';

export interface ResolvedCredentials {
  readonly credentials: readonly EmulatorCredential[];
  /** Where they came from, for the start-up message (never the key itself). */
  readonly source: 'environment' | 'demo';
}

/**
 * The pair from TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY when both are set, so the tool can be
 * pointed at the emulator with the user's usual environment; otherwise the documented demo pair.
 */
export function resolveCredentials(env: NodeJS.ProcessEnv): ResolvedCredentials {
  const secretId = env['TENCENTCLOUD_SECRET_ID']?.trim();
  const secretKey = env['TENCENTCLOUD_SECRET_KEY']?.trim();
  if (secretId && secretKey) return { credentials: [{ secretId, secretKey }], source: 'environment' };
  return { credentials: [{ secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY }], source: 'demo' };
}
