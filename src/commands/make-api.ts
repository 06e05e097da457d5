import type { SendOptions } from '../cli/send-options.js';
import type { LanedApi } from '../core/tcr-api.js';
import type { Credential } from '../services/credentials.js';

/**
 * The real API for a run: credentials (unless given: the environment, the tccli profile, the SDK's chain), the SDK clients, and every
 * call paced in its lane at the run's --rate, sharing the budget through --redis when asked.
 */
export function makeApi(options: Pick<SendOptions, 'endpoint' | 'profile' | 'rate' | 'concurrency' | 'redis'>, credential?: Credential): () => Promise<LanedApi> {
  return async () => {
    const [{ resolveCredential }, { createSdkApi }] = await Promise.all([import('../services/credentials.js'), import('../services/sdk-api.js')]);
    const who = credential ?? (await resolveCredential(options.profile));
    const budget = options.redis ? await (await import('../services/traffic/shared-budget.js')).connectSharedBudget(options.redis) : undefined;
    const api = await createSdkApi(options.endpoint, who, {
      traffic: { writeRate: options.rate, concurrency: options.concurrency, shared: budget?.shared, lost: budget?.lost },
    });
    return {
      call: api.call,
      laneOf: api.laneOf,
      async close() {
        // The budget first: once its connection is closed, the lanes leave Redis without asking it (it may be gone).
        await budget?.close();
        await api.close();
      },
    };
  };
}
