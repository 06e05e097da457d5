import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState } from './types.js';

/** The read-only state view's path: the API only ever takes POST /, so this can never be an API call. */
export const STATE_PATH = '/_emulator/state';

/** Whether a request is for the state view (GET or HEAD of STATE_PATH, with or without a query). */
export function isStateViewRequest(request: IncomingMessage): boolean {
  const url = request.url ?? '/';
  const path = url.split('?')[0];
  return path === STATE_PATH && (request.method === 'GET' || request.method === 'HEAD');
}

/**
 * The state as JSON: counts, every policy, the namespaces (`?RegistryId=` keeps one registry's) and the
 * requests received per action. Changes nothing, is not counted as a request and needs no signature:
 * like the emulator itself it listens on loopback and holds nothing secret.
 */
export function stateViewOf(state: EmulatorState, registryId?: string): Record<string, unknown> {
  const policies = state.policies();
  const namespaces = state.namespaces(registryId);
  return {
    counts: {
      namespaces: namespaces.length,
      signing: namespaces.filter((ns) => ns.signing).length,
      policies: registryId === undefined ? policies.length : policies.filter((p) => p.RegistryId === registryId).length,
    },
    policies: registryId === undefined ? policies : policies.filter((p) => p.RegistryId === registryId),
    namespaces,
    actionCounts: state.actionCounts(),
    successfulCreates: state.successfulCreates(),
    assumedRoles: state.assumedRoles(),
    images: state.images(registryId),
    successfulSignatures: state.successfulSignatures(),
  };
}

export function answerStateView(request: IncomingMessage, response: ServerResponse, state: EmulatorState): void {
  const query = new URLSearchParams((request.url ?? '').split('?')[1] ?? '');
  const text = `${JSON.stringify(stateViewOf(state, query.get('RegistryId') ?? undefined), null, 2)}\n`;
  response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  response.end(request.method === 'HEAD' ? undefined : text);
}
