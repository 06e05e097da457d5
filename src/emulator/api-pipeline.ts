import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { ApiError, ErrorCode, missingParameter } from './api-error.js';
import { messageFor } from './api-messages.js';
import type { FaultPlan } from './faults.js';
import type { Params } from './params.js';
import type { SlidingWindowLimiter } from './rate-limiter.js';
import type { RegionTable } from './regions.js';
import type { RoleSessions } from './role-sessions.js';
import { resolveRoute } from './router.js';
import { errorReply, type Reply } from './send-reply.js';
import type { EmulatorStore } from './store.js';
import type { SignatureVerifier } from './verify-signature.js';

export interface PipelineDeps {
  readonly store: EmulatorStore;
  readonly regions: RegionTable;
  readonly verifier: SignatureVerifier;
  readonly limiter: SlidingWindowLimiter;
  /** The seeded roles and the temporary credentials issued for them. */
  readonly sessions: RoleSessions;
  /** Unix seconds (temporary credentials expire by it). */
  readonly nowSeconds: () => number;
  /** Requests per second per action (Infinity: no limit). */
  readonly rateLimits: ReadonlyMap<string, number>;
  readonly faults: FaultPlan;
  readonly faultActions: ReadonlySet<string>;
  /** See FaultOptions.effectOnArrival. */
  readonly effectOnArrival?: boolean;
  /** DescribeNamespaces reads Offset as a page number. */
  readonly offsetCountsPages: boolean;
  readonly repositoryNames: 'with-namespace' | 'bare';
  readonly pagesFromZero: boolean;
  /** Aborted when the emulator closes, so injected delays do not hold it open. */
  readonly shutdown: AbortSignal;
  /** Where unexpected exceptions (bugs) are reported. */
  readonly reportBug: (error: unknown) => void;
}

export interface ApiRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** Told the caller's SecretId as soon as the signature is verified. */
  readonly onCaller: (secretId: string) => void;
}

function headerText(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value.join(',') : value ?? '').trim();
}

function requiredHeader(headers: IncomingHttpHeaders, name: string, parameter: string): string {
  const value = headerText(headers, name);
  if (value === '') throw missingParameter(parameter);
  return value;
}

function checkTransport(request: ApiRequest): void {
  if (request.method !== 'POST') {
    throw new ApiError(ErrorCode.UnsupportedProtocol, `The method ${request.method} is not supported: send POST with a JSON body.`);
  }
  const mediaType = headerText(request.headers, 'content-type').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'application/json') {
    throw new ApiError(
      ErrorCode.InvalidParameter,
      `The Content-Type "${mediaType || '(none)'}" is not supported: send application/json.`,
    );
  }
}

function parseParams(body: Buffer): Params {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApiError(ErrorCode.InvalidParameter, `The request body is not valid JSON: ${(error as Error).message}.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError(ErrorCode.InvalidParameter, 'The request body must be a JSON object.');
  }
  return value as Params;
}

function throttled(action: string, limit: number): ApiError {
  return new ApiError(
    ErrorCode.RequestLimitExceeded,
    `Your requests to ${action} exceed its frequency limit of ${limit} per second. Please reduce the frequency of calls.`,
  );
}

/**
 * Answers one API request in the order the gateway checks: transport, signature, action and version,
 * region, rate limit, body; then injected faults; then the action itself. Nothing changes state before
 * the action runs, so refused, throttled and faulted-before requests leave the store as it was.
 */
export async function answerApiRequest(request: ApiRequest, deps: PipelineDeps): Promise<Reply> {
  const requestId = randomUUID();
  let applyFaultAfter: 'http-502' | 'dropped-after' | undefined;
  try {
    checkTransport(request);
    const caller = deps.verifier.verify(request);
    request.onCaller(caller.secretId);
    const action = requiredHeader(request.headers, 'x-tc-action', 'X-TC-Action');
    const route = resolveRoute(action, requiredHeader(request.headers, 'x-tc-version', 'X-TC-Version'));
    const region = requiredHeader(request.headers, 'x-tc-region', 'X-TC-Region');
    if (!deps.regions.get(region)) {
      throw new ApiError(ErrorCode.UnsupportedRegion, `The region ${region} is not supported.`);
    }
    const limit = deps.rateLimits.get(action) ?? route.limitPerSecond;
    // One window per identity: every session of a role counts together, as the role's account does.
    if (!deps.limiter.admit(`${action}\u0000${caller.identity}`, limit)) throw throttled(action, limit);
    const params = parseParams(request.body);
    // The seed's scripted faults (for rehearsals) hit the namespace's first create attempts, whoever sends
    // them, and the first AssumeRole attempts for an account's roles.
    const scripted = action === 'CreateSignaturePolicy'
      ? deps.store.takeScriptedFault(String(params['RegistryId']), String(params['NamespaceName']))
      : action === 'AssumeRole' ? deps.sessions.takeFault(String(params['RoleArn'])) : undefined;
    if (scripted === 'RequestLimitExceeded') throw throttled(action, limit);
    if (scripted === 'InternalError') throw new ApiError(ErrorCode.InternalError, 'An internal error occurred. Please try again later.');
    if (scripted === 'http-503') return { kind: 'http-error', status: 503 };
    if (scripted === 'dropped-before') return { kind: 'drop', outcome: 'dropped-before' };

    const run = (): Readonly<Record<string, unknown>> =>
      route.handle({
        params,
        region,
        store: deps.store,
        regions: deps.regions,
        offsetCountsPages: deps.offsetCountsPages,
        repositoryNames: deps.repositoryNames,
        pagesFromZero: deps.pagesFromZero,
        caller,
        sessions: deps.sessions,
        nowSeconds: deps.nowSeconds(),
      });
    let early: { readonly fields: Readonly<Record<string, unknown>> } | { readonly error: unknown } | undefined;
    if (deps.faultActions.has(action) && deps.faults.active) {
      const fault = deps.faults.decide();
      const changes = fault.outcome === 'none' || fault.outcome === 'http-502' || fault.outcome === 'dropped-after';
      if (deps.effectOnArrival && changes) early = settleNow(run);
      if (fault.delayMs > 0) await delay(fault.delayMs, undefined, { signal: deps.shutdown });
      if (fault.outcome === 'throttle') throw throttled(action, limit);
      if (fault.outcome === 'http-503') return { kind: 'http-error', status: 503 };
      if (fault.outcome === 'dropped-before') return { kind: 'drop', outcome: 'dropped-before' };
      if (fault.outcome === 'http-502' || fault.outcome === 'dropped-after') applyFaultAfter = fault.outcome;
    }
    const fields = early ? unwrap(early) : run();
    return afterFault(applyFaultAfter) ?? { kind: 'answer', requestId, fields, outcome: 'ok' };
  } catch (error) {
    const faulted = afterFault(applyFaultAfter);
    if (faulted) return faulted;
    if (error instanceof ApiError) return errorReply(requestId, error.code, messageFor(error.code, error.message, request.headers));
    if (deps.shutdown.aborted) return { kind: 'drop', outcome: 'dropped-before' };
    deps.reportBug(error);
    return errorReply(requestId, ErrorCode.InternalError, messageFor(ErrorCode.InternalError, 'An internal error occurred in the emulator.', request.headers));
  }
}

/** Runs an action now and keeps its outcome (an answer or an API error) for the reply sent later. */
function settleNow(run: () => Readonly<Record<string, unknown>>): { readonly fields: Readonly<Record<string, unknown>> } | { readonly error: unknown } {
  try {
    return { fields: run() };
  } catch (error) {
    return { error };
  }
}

function unwrap(settled: { readonly fields: Readonly<Record<string, unknown>> } | { readonly error: unknown }): Readonly<Record<string, unknown>> {
  if ('error' in settled) throw settled.error;
  return settled.fields;
}

/** The answer the client never gets although the action ran (or failed) behind the gateway. */
function afterFault(fault: 'http-502' | 'dropped-after' | undefined): Reply | undefined {
  if (fault === 'http-502') return { kind: 'http-error', status: 502 };
  if (fault === 'dropped-after') return { kind: 'drop', outcome: 'dropped-after' };
  return undefined;
}
