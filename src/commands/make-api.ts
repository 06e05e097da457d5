import type { SendOptions } from '../cli/send-options.js';
import type { AccountsApi, Access, OpenApiOptions } from '../services/open-api.js';

/** What building an API needs: who to act as (Access) and, for runs that send, the pacing flags. */
export type ApiOptions = Access & Partial<Pick<SendOptions, 'rate' | 'concurrency' | 'redis'>>;

/**
 * The one factory every command builds its API with (gh's Factory): the accounts (base credentials and
 * each role, see services/open-api.ts), the SDK clients, and every call paced in its account's lane at
 * the run's --rate, sharing the budget through --redis when asked. Lazy: nothing heavy loads before
 * the API is wanted.
 */
export function makeApi(options: ApiOptions, extra: OpenApiOptions = {}): () => Promise<AccountsApi> {
  return async () => {
    const { openApi } = await import('../services/open-api.js');
    const budget = options.redis ? await (await import('../services/traffic/shared-budget.js')).connectSharedBudget(options.redis) : undefined;
    try {
      const api = await openApi(options, {
        ...extra,
        traffic: { writeRate: options.rate ?? 20, concurrency: options.concurrency, shared: budget?.shared, lost: budget?.lost, ...extra.traffic },
      });
      return {
        ...api,
        async close() {
          // The budget first: once its connection is closed, the lanes leave Redis without asking it (it may be gone).
          await budget?.close();
          await api.close();
        },
      };
    } catch (error) {
      await budget?.close();
      throw error;
    }
  };
}
