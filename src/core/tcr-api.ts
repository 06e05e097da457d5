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
  /**
   * The same API acting in another account: a CAM role's (by ARN), or the run's default one
   * (undefined). Each account has its own lanes and its own stop. Absent: one account only.
   */
  forAccount?(roleArn: string | undefined): LanedApi;
}

/** The API a row's calls go through: its account's, when the API knows several (of the same kind as the one given). */
export function accountApi<A extends TcrApi>(api: A, roleArn: string | undefined): A {
  // An API with accounts hands out laned APIs, which are all any caller (a TcrApi or a LanedApi) needs.
  return roleArn === undefined || !api.forAccount ? api : (api.forAccount(roleArn) as TcrApi as A);
}

/**
 * An API that paces its calls in lanes (services/traffic) and says which lane a call would wait in,
 * so that a runner can hold work back per lane without knowing what a lane is made of.
 */
export interface LanedApi extends TcrApi {
  /** The lane (an opaque key) a call with these arguments waits in: calls of one lane take turns, other lanes never wait for them. */
  laneOf(service: ApiService, action: string, region: string): string;
}
