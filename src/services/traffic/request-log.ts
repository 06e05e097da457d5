import type { ApiOutcome } from '../../core/api-outcome.js';
import { DEBUG_VARIABLE } from '../../core/tcr-api.js';
import { t } from '../../i18n/messages.js';

/** What `--verbose` tells of one request that went out: never its parameters, never a credential. */
export interface RequestRecord {
  readonly action: string;
  readonly region: string;
  readonly endpoint: string;
  readonly latencyMs: number;
  readonly outcome: ApiOutcome;
}

export function debugWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[DEBUG_VARIABLE];
  return value !== undefined && value !== '' && value !== '0';
}

/** One line per request: action, region, endpoint, latency, RequestId and outcome (ok, or the error code). */
export function requestLine(r: RequestRecord): string {
  return t('debug.request', {
    action: r.action,
    region: r.region,
    endpoint: r.endpoint,
    ms: Math.round(r.latencyMs),
    id: r.outcome.requestId || '-',
    outcome: r.outcome.ok ? 'ok' : r.outcome.code,
  });
}

/** Writes each request's line to `err` when debugging was asked for, else nothing. */
export function requestLogger(err: { write(text: string): unknown } = process.stderr, env: NodeJS.ProcessEnv = process.env): ((r: RequestRecord) => void) | undefined {
  return debugWanted(env) ? (r) => void err.write(`${requestLine(r)}\n`) : undefined;
}
