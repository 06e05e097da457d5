import type Bottleneck from 'bottleneck';
import type { ApiOutcome, FailedOutcome } from '../../core/api-outcome.js';
import { classifyFailure, CONNECTION_REFUSED, isThrottling } from '../../core/classify-error.js';
import { actionSpec } from '../../core/api-actions.js';
import type { ApiService, CallTurn, LanedApi, TcrApi } from '../../core/tcr-api.js';
import { createLane, NOT_STARTED, type Lane, type LaneOptions } from './lane.js';
import type { RequestRecord } from './request-log.js';
import { t } from '../../i18n/messages.js';

/** Refused connections in a row, across every lane, after which all traffic stops. */
export const REFUSALS_TO_STOP = 5;

export interface TrafficOptions {
  /** Requests per second for the writes of API_ACTIONS (--rate, which its flag keeps within their limit). */
  readonly writeRate: number;
  /** Fixed in-flight cap for the writes (--concurrency). */
  readonly concurrency?: number;
  /** The access endpoint a call goes to, which with the action and credential names its lane. */
  readonly endpointOf: (service: ApiService, region: string) => string;
  /**
   * The account calling: its role ARN, or the base key's SecretId. Lanes (and a --redis budget) are per
   * account, as the API counts, never per temporary SecretId, which changes with every role session.
   */
  readonly account: string;
  /** How the account is named in a not-sent row's message (default: nothing). */
  readonly accountLabel?: string;
  /**
   * Asked before a call waits for its turn: an outcome when the account cannot call at all (its role
   * could not be assumed). That stops the account's traffic like an AuthFailure.
   */
  readonly ready?: () => Promise<FailedOutcome | undefined>;
  /** Bottleneck settings for a lane shared through Redis (its datastore), given the lane's id. */
  readonly shared?: (id: string) => Bottleneck.ConstructorOptions;
  /** Aborts when the shared budget's Redis is lost: all traffic stops, like after an AuthFailure. */
  readonly lost?: AbortSignal;
  /** Per-action limits instead of the documented ones (tests). */
  readonly limits?: Readonly<Record<string, number>>;
  /** The lanes' clock and spacing instead of the wall clock's (unit tests on an injected clock). */
  readonly clock?: Pick<LaneOptions, 'now' | 'sleep' | 'spacing'>;
  /** Told of every request that went out and how it ended (--verbose): here, since every call passes here. */
  readonly onRequest?: (request: RequestRecord) => void;
}

export interface PacedApi extends LanedApi {
  /** Every lane so far, by `endpoint action`, for figures and tests. */
  readonly lanes: ReadonlyMap<string, Lane>;
  close(): Promise<void>;
}

/** Only Redis sees every process's starts, each a network hop and a timer away: more margin. */
const SHARED_MARGIN_MS = 75;
/** The code of a call that did not go out because its caller stopped it (CallTurn). */
export const NOT_STARTED_CODE = 'NotStarted';
/** The code of the calls not sent once the shared budget's Redis was lost. */
export const REDIS_LOST_CODE = 'RedisLost';

/**
 * The one way out to the API: every call waits for its turn in its lane (endpoint × action ×
 * credential, at that action's limit) and is watched on the way back. The first AuthFailure, or
 * REFUSALS_TO_STOP refused connections in a row, stops all traffic: later calls, and calls still
 * waiting for a turn, come back `notSent` with that code, so a wrong key costs a request or two.
 */
export function pacedApi(api: TcrApi, o: TrafficOptions): PacedApi {
  const lanes = new Map<string, Lane>();
  const now = o.clock?.now ?? Date.now;
  let halted: FailedOutcome | undefined;
  let refusals = 0;
  // The one place that says what a lane is made of (the credential is the api's own: one api per credential).
  const laneOf = (service: ApiService, action: string, region: string): string => `${o.endpointOf(service, region)} ${action}`;
  const laneFor = (service: ApiService, action: string, region: string): Lane => {
    const key = laneOf(service, action, region);
    let lane = lanes.get(key);
    if (!lane) {
      // The one table says what a write is: a new write follows --rate without a line here.
      const spec = actionSpec(action);
      const write = spec.kind === 'write';
      const limit = write ? o.writeRate : (o.limits?.[action] ?? spec.limit);
      const id = `tcr-sigpolicy ${o.account} ${key}`;
      lane = createLane({
        limit,
        concurrency: write ? o.concurrency : undefined,
        ...o.clock,
        ...(o.shared ? { bottleneck: o.shared(id), marginMs: SHARED_MARGIN_MS } : {}),
      });
      lanes.set(key, lane);
    }
    return lane;
  };
  const notSent = (code: string, message: string): FailedOutcome => ({ ok: false, code, message, requestId: '', notSent: true });
  const watch = (outcome: ApiOutcome): ApiOutcome => {
    if (outcome.ok || !outcome.notSent) refusals = !outcome.ok && outcome.code === CONNECTION_REFUSED ? refusals + 1 : 0;
    const unreachable = !outcome.ok && classifyFailure(outcome) === 'unreachable';
    if (!halted && !outcome.ok && (outcome.code.startsWith('AuthFailure') || refusals >= REFUSALS_TO_STOP || unreachable)) halted = outcome;
    // Never delivered, and every later call would meet the same: this call too is simply not sent.
    return unreachable ? stoppedBy(outcome) : outcome;
  };
  const stoppedBy = (h: FailedOutcome): FailedOutcome =>
    // Already worded as not sent (Redis lost, a role that could not be assumed): kept as it is.
    h.notSent ? h : notSent(h.code, h.code === CONNECTION_REFUSED
      ? t('note.notSentRefusals', { n: REFUSALS_TO_STOP })
      : classifyFailure(h) === 'unreachable' ? t('note.notSentUnreachable', { message: h.message.trim() })
      : o.accountLabel ? t('account.stopped', { account: o.accountLabel, code: h.code }) : t('note.notSentRefused', { code: h.code }));
  // Without Redis no process knows what the others send: stop rather than guess a share (docs/usage.md).
  const lost = o.lost;
  const whenLost = lost ? new Promise<void>((resolve) => lost.addEventListener('abort', () => resolve(), { once: true })) : undefined;
  void whenLost?.then(() => {
    halted ??= notSent(REDIS_LOST_CODE, t('note.notSentRedisLost'));
  });

  return {
    lanes,
    laneOf,
    async call(service, action, region, params, signal, turn?: CallTurn) {
      if (halted) return stoppedBy(halted);
      const refused = await o.ready?.();
      if (refused) return stoppedBy((halted ??= refused));
      let began = false;
      const running = laneFor(service, action, region).run<ApiOutcome>(
        async (leaving) => {
          if (halted) return stoppedBy(halted);
          began = true;
          if (turn?.beforeSend && !(await turn.beforeSend())) return NOT_STARTED;
          await leaving();
          const sentAt = now();
          const outcome = await api.call(service, action, region, params, signal);
          o.onRequest?.({ action, region, endpoint: o.endpointOf(service, region), latencyMs: now() - sentAt, outcome });
          return watch(outcome);
        },
        { stop: turn?.stop, throttled: (r) => !r.ok && isThrottling(r.code) },
      );
      // A call still waiting for its turn when Redis is lost comes back at once; one already sent is awaited.
      const outcome = whenLost ? await Promise.race([running, whenLost.then(() => (began ? running : NOT_STARTED))]) : await running;
      if (outcome === NOT_STARTED && halted) return stoppedBy(halted);
      return outcome === NOT_STARTED ? notSent(NOT_STARTED_CODE, t('note.notSentStopped')) : outcome;
    },
    async close() {
      await Promise.all([...lanes.values()].map((lane) => lane.close()));
    },
  };
}
