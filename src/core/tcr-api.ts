import type { ApiOutcome } from './api-outcome.js';

export type ApiService = 'tcr' | 'kms';

/** Set (to anything but 0), every request is logged on stderr, as with --verbose (services/traffic/request-log.ts). */
export const DEBUG_VARIABLE = 'TCR_SIGPOLICY_DEBUG';

/** How a call that waits for its turn (see services/traffic) may be held back. */
export interface CallTurn {
  /** Stop waiting for the turn: the call comes back `notSent` at once. */
  readonly stop?: AbortSignal;
  /** Awaited when the turn has come, right before the request leaves; false keeps it from leaving. */
  readonly beforeSend?: () => Promise<boolean>;
}

/** The API calls the tool makes, whatever carries them (the SDK over HTTP, or a fake in unit tests). */
export interface TcrApi {
  call(
    service: ApiService,
    action: string,
    region: string,
    params: object,
    /** Aborts the request in flight (a second Ctrl-C). */
    signal?: AbortSignal,
    turn?: CallTurn,
  ): Promise<ApiOutcome>;
  /** Lets go of connections (and the shared budget's Redis), so the process can end. */
  close?(): Promise<void>;
}

/**
 * An API that paces its calls in lanes (services/traffic) and says which lane a call would wait in,
 * so that a runner can hold work back per lane without knowing what a lane is made of.
 */
export interface LanedApi extends TcrApi {
  /** The lane (an opaque key) a call with these arguments waits in: calls of one lane take turns, other lanes never wait for them. */
  laneOf(service: ApiService, action: string, region: string): string;
}
