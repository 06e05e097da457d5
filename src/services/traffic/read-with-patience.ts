import { setTimeout as delay } from 'node:timers/promises';
import type { ApiOutcome } from '../../core/api-outcome.js';
import { backoffDelay, RETRY_BACKOFF, THROTTLE_BACKOFF } from '../../core/backoff.js';
import { classifyFailure, isRetryable } from '../../core/classify-error.js';
import type { ApiService, TcrApi } from '../../core/tcr-api.js';

/** How long a read keeps trying through throttling and network trouble before it gives up. */
export const READ_PATIENCE_MS = 60_000;

export interface PatienceOptions {
  /** Ends the waits between attempts at once (and aborts a request in flight). */
  readonly signal?: AbortSignal;
  readonly patienceMs?: number;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const sleepFor = (ms: number, signal?: AbortSignal): Promise<void> => delay(ms, undefined, { signal }).catch(() => undefined);

/**
 * A read-only call, retried in its lane while it is throttled, unanswered or refused, until the
 * patience is spent or the signal says stop. Reads change nothing, so retrying one is always safe;
 * a refusal for a reason the user can act on (credentials, permissions, a wrong id) comes back at once.
 */
export async function readWithPatience(
  api: TcrApi,
  call: { readonly service: ApiService; readonly action: string; readonly region: string; readonly params: object },
  o: PatienceOptions = {},
): Promise<ApiOutcome> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? sleepFor;
  const giveUpAt = now() + (o.patienceMs ?? READ_PATIENCE_MS);
  for (let attempt = 1; ; attempt++) {
    const outcome = await api.call(call.service, call.action, call.region, call.params, o.signal, { stop: o.signal });
    if (outcome.ok || outcome.notSent || o.signal?.aborted) return outcome;
    const kind = classifyFailure(outcome);
    if (!isRetryable(kind)) return outcome;
    const wait = backoffDelay(attempt, kind === 'throttled' ? THROTTLE_BACKOFF : RETRY_BACKOFF, o.random);
    if (now() + wait > giveUpAt) return outcome;
    await sleep(wait, o.signal);
  }
}
