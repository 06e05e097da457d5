import type { ApiOutcome, FailedOutcome } from '../core/api-outcome.js';
import { UsageError } from '../core/errors.js';
import { readHint } from '../core/read-hint.js';
import { actionSpec } from '../core/api-actions.js';
import type { TcrApi } from '../core/tcr-api.js';
import { readWithPatience, type PatienceOptions } from './traffic/read-with-patience.js';
import { t } from '../i18n/messages.js';

export type ReadAction = 'DescribeInstances' | 'DescribeNamespaces' | 'DescribeInstanceCustomizedDomain' | 'DescribeKeys' | 'DescribeRepositories' | 'DescribeImages';

/** A read the preflight needs failed: nothing is sent, the user is told which call and what to do. */
export class PreflightError extends UsageError {
  /** The API's error code (or NetworkError, Timeout, …) of the read that failed. */
  readonly code: string;

  constructor(readonly action: string, what: string, readonly failure: FailedOutcome) {
    const requestId = failure.requestId ? t('preflight.requestId', { id: failure.requestId }) : '';
    super(
      t('preflight.readFailed', { action, what, code: failure.code, message: failure.message, requestId }),
      readHint(failure, true, action),
    );
    this.name = 'PreflightError';
    this.code = failure.code;
  }
}

export interface PreflightReader {
  /** One read, paced under its action's limit, retried when throttled or unanswered, answered once per distinct request. */
  read(action: ReadAction, region: string, params: Readonly<Record<string, unknown>>): Promise<ApiOutcome>;
  /** Requests sent so far, by action (retries included). */
  readonly calls: Readonly<Record<string, number>>;
  close(): void;
}

export type ReaderOptions = PatienceOptions;

/**
 * Read calls for the preflight, discovery and status: each answered once per distinct request (a
 * cache), retried with patience in its lane (the API given is paced: services/traffic), counted.
 */
export function createPreflightReader(api: TcrApi, o: ReaderOptions = {}): PreflightReader {
  const cache = new Map<string, Promise<ApiOutcome>>();
  const calls: Record<string, number> = {};
  const counted: TcrApi = {
    async call(service, action, region, params, signal, turn) {
      const outcome = await api.call(service, action, region, params, signal, turn);
      if (outcome.ok || !outcome.notSent) calls[action] = (calls[action] ?? 0) + 1;
      return outcome;
    },
  };
  return {
    read(action, region, params) {
      const key = JSON.stringify([action, region, params]);
      let answer = cache.get(key);
      if (!answer) {
        answer = readWithPatience(counted, { service: actionSpec(action).service, action, region, params }, o);
        cache.set(key, answer);
      }
      return answer;
    },
    calls,
    close() {
      cache.clear();
    },
  };
}
