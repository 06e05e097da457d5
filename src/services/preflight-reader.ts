import Bottleneck from 'bottleneck';
import type { ApiOutcome, FailedOutcome } from '../core/api-outcome.js';
import { backoffDelay, RETRY_BACKOFF, THROTTLE_BACKOFF } from '../core/backoff.js';
import { classifyFailure, isRetryable } from '../core/classify-error.js';
import { UsageError } from '../core/errors.js';
import type { ApiService, TcrApi } from '../core/tcr-api.js';

/** Documented requests per second of each read action (the emulator's router enforces the same figures). */
export const READ_LIMITS = { DescribeInstances: 100, DescribeNamespaces: 100, DescribeKeys: 100 } as const;
export type ReadAction = keyof typeof READ_LIMITS;

const SERVICE: Readonly<Record<ReadAction, ApiService>> = { DescribeInstances: 'tcr', DescribeNamespaces: 'tcr', DescribeKeys: 'kms' };
/** Same slack as the create pacer: starts 1000/limit ms apart plus a little, so jitter never makes limit+1. */
const SLACK_MS = 25;
const MAX_CONCURRENT = 10;
const MAX_ATTEMPTS = 4;

/** A read the preflight needs failed: nothing is sent, the user is told which call and what to do. */
export class PreflightError extends UsageError {
  /** The API's error code (or NetworkError, Timeout, …) of the read that failed. */
  readonly code: string;

  constructor(action: string, what: string, readonly failure: FailedOutcome) {
    const id = failure.requestId ? ` (RequestId ${failure.requestId})` : '';
    super(
      `${action} for ${what} failed: ${failure.code}: ${failure.message}${id}`,
      readHint(failure, true),
    );
    this.name = 'PreflightError';
    this.code = failure.code;
  }
}

/** What to do about a failed read; `skippable` when the command can do without it (--no-preflight). */
export function readHint(failure: Pick<FailedOutcome, 'code' | 'httpStatus'>, skippable: boolean): string {
  const orSkip = skippable ? ', or pass --no-preflight to send without checking' : '';
  if (failure.code.startsWith('AuthFailure')) return 'check the credentials (TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY or --profile)';
  // Without the plan the sends would meet the same dead endpoint, each with an unknown outcome: no --no-preflight here.
  if (classifyFailure(failure) === 'unknown') return 'nothing answered: check the network and --endpoint (for the emulator: is it still running?), then run again';
  return `these reads need tcr:DescribeInstances, tcr:DescribeNamespaces and kms:DescribeKeys: grant them${orSkip}`;
}

export interface PreflightReader {
  /** One read, paced under its action's limit, retried when throttled or unanswered, answered once per distinct request. */
  read(action: ReadAction, region: string, params: Readonly<Record<string, unknown>>): Promise<ApiOutcome>;
  /** Requests sent so far, by action (retries included). */
  readonly calls: Readonly<Record<string, number>>;
  close(): void;
}

export interface ReaderOptions {
  readonly signal?: AbortSignal;
  /** Per-second limits to pace at; the documented READ_LIMITS by default. */
  readonly limits?: Partial<Record<ReadAction, number>>;
  readonly random?: () => number;
}

interface ActionPace {
  readonly limiter: Bottleneck;
  readonly minTime: number;
  /** Chains the actual starts, so a start delayed by a busy event loop cannot bunch up with the next. */
  gate: Promise<void>;
  lastStart: number;
}

/** Read calls for the preflight and discovery: one bottleneck limiter per action, a cache, a counter. */
export function createPreflightReader(api: TcrApi, o: ReaderOptions = {}): PreflightReader {
  const paces = new Map<ReadAction, ActionPace>();
  const cache = new Map<string, Promise<ApiOutcome>>();
  const calls: Record<string, number> = {};
  const paceOf = (action: ReadAction): ActionPace => {
    let pace = paces.get(action);
    if (!pace) {
      const minTime = (1000 + SLACK_MS) / (o.limits?.[action] ?? READ_LIMITS[action]);
      pace = { limiter: new Bottleneck({ minTime, maxConcurrent: MAX_CONCURRENT }), minTime, gate: Promise.resolve(), lastStart: -Infinity };
      paces.set(action, pace);
    }
    return pace;
  };
  /** Waits until minTime after the previous actual start of the action, one start at a time. */
  const turn = (pace: ActionPace): Promise<void> => {
    pace.gate = pace.gate.then(async () => {
      const wait = pace.lastStart + pace.minTime - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      pace.lastStart = performance.now();
    });
    return pace.gate;
  };

  async function send(action: ReadAction, region: string, params: object): Promise<ApiOutcome> {
    const pace = paceOf(action);
    for (let attempt = 1; ; attempt++) {
      const outcome = await pace.limiter.schedule(async () => {
        await turn(pace);
        calls[action] = (calls[action] ?? 0) + 1;
        return api.call(SERVICE[action], action, region, params, o.signal);
      });
      if (outcome.ok || attempt >= MAX_ATTEMPTS || o.signal?.aborted) return outcome;
      const kind = classifyFailure(outcome);
      if (!isRetryable(kind)) return outcome;
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, kind === 'throttled' ? THROTTLE_BACKOFF : RETRY_BACKOFF, o.random)));
    }
  }

  return {
    read(action, region, params) {
      const key = JSON.stringify([action, region, params]);
      let answer = cache.get(key);
      if (!answer) {
        answer = send(action, region, params);
        cache.set(key, answer);
      }
      return answer;
    },
    calls,
    close() {
      for (const pace of paces.values()) void pace.limiter.disconnect();
    },
  };
}
