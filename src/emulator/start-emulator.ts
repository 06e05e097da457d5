import { setMaxListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolveCredentials } from './credentials.js';
import { FaultPlan, faultOptionsProblem } from './faults.js';
import { createHttpHandler } from './handle-http-request.js';
import { loadSeed } from './load-seed.js';
import { SlidingWindowLimiter } from './rate-limiter.js';
import { RegionTable } from './regions.js';
import { RequestJournal } from './request-journal.js';
import { RoleSessions } from './role-sessions.js';
import { ROUTES, isKnownAction } from './router.js';
import { EmulatorStore } from './store.js';
import type { EmulatorHandle, EmulatorOptions, EmulatorState } from './types.js';
import { SignatureVerifier } from './verify-signature.js';

export const DEFAULT_PORT = 9500;
export const DEFAULT_HOST = '127.0.0.1';
const ONE_MIB = 1024 * 1024;

function checkOptions(options: EmulatorOptions): void {
  const problem = faultOptionsProblem(options);
  if (problem) throw new RangeError(problem);
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be 0–65535 (got ${port})`);
  for (const action of [...(options.faultActions ?? []), ...Object.keys(options.rateLimits ?? {})]) {
    if (!isKnownAction(action)) throw new RangeError(`unknown action ${action}; known: ${ROUTES.map((r) => r.action).join(', ')}`);
  }
  const limits = Object.entries({ ...(options.rateLimitAll === undefined ? {} : { 'every action': options.rateLimitAll }), ...options.rateLimits });
  for (const [action, limit] of limits) {
    if (!(limit >= 1) || (Number.isFinite(limit) && !Number.isInteger(limit))) {
      throw new RangeError(`rate limit of ${action} must be a whole number ≥ 1 or Infinity (got ${limit})`);
    }
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Node's default answer to an unparseable or too-slow request, kept, plus a line in the log. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket, log: ((line: string) => void) | undefined): void {
  const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  log?.(`(connection) ${timedOut ? '408 request timeout' : `400 ${error.code ?? 'bad request'}`}`);
  if (socket.writable) {
    socket.end(timedOut ? 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n' : 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  }
  socket.destroy();
}

/** Starts the emulator on loopback; resolves once it is listening. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  checkOptions(options);
  const seed = await loadSeed(options.seed);
  const store = new EmulatorStore(seed);
  const regions = new RegionTable(store.seededRegions());
  const credentials = options.credentials ?? resolveCredentials(process.env).credentials;
  const sessions = new RoleSessions(seed.accounts, options.roleSessionSeconds);
  const nowSeconds = (): number => Date.now() / 1000;
  const journal = new RequestJournal(options.requestLogSize ?? 200, options.log);
  const shutdown = new AbortController();
  // Every delayed answer waits on it: hundreds at once under load are expected, not a leak.
  setMaxListeners(0, shutdown.signal);
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const requestTimeout = Math.max(options.requestTimeoutMs ?? 30_000, headersTimeout);
  const state: EmulatorState = {
    policies: () => store.policies(),
    namespaces: (registryId) => store.namespaces(registryId),
    actionCounts: () => journal.actionCounts(),
    successfulCreates: () => store.successfulCreates(),
    images: (registryId) => store.images.snapshot(registryId),
    successfulSignatures: () => store.images.successfulSignatures(),
    recentRequests: () => journal.recent(),
    assumedRoles: () => sessions.assumedRoles(),
    issuedSecrets: () => sessions.issuedSecrets(),
  };
  const server = createServer(
    {
      headersTimeout,
      requestTimeout,
      keepAliveTimeout: 5_000,
      // How often node looks for timed-out requests; its 30 s default would make short timeouts useless.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4))),
    },
    createHttpHandler({
      store,
      regions,
      verifier: new SignatureVerifier(credentials, options.maxSkewSeconds ?? 300, nowSeconds, sessions),
      sessions,
      nowSeconds,
      limiter: new SlidingWindowLimiter(options.clock),
      rateLimits: new Map([
        ...(options.rateLimitAll === undefined ? [] : ROUTES.map((r) => [r.action, options.rateLimitAll] as [string, number])),
        ...Object.entries(options.rateLimits ?? {}),
      ]),
      faults: new FaultPlan(options),
      effectOnArrival: options.effectOnArrival === true,
      offsetCountsPages: options.offsetCountsPages ?? seed.offsetCountsPages,
      repositoryNames: options.repositoryNames ?? seed.repositoryNames,
      pagesFromZero: options.pagesFromZero ?? false,
      faultActions: new Set(options.faultActions ?? ROUTES.filter((r) => r.writes).map((r) => r.action)),
      shutdown: shutdown.signal,
      reportBug: (error) => options.log?.(`emulator bug: ${error instanceof Error ? error.stack : String(error)}`),
      journal,
      maxBodyBytes: options.maxBodyBytes ?? ONE_MIB,
      state,
    }),
  );
  server.on('clientError', (error, socket) => answerClientError(error, socket as Socket, options.log));
  const host = options.host ?? DEFAULT_HOST;
  await listen(server, options.port ?? DEFAULT_PORT, host);
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      shutdown.abort();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${urlHost}:${port}`, port, secretIds: credentials.map((c) => c.secretId), state, close };
}
