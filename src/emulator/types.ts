import type { EmulatorSeed, PolicyRecord } from './seed-format.js';

/** A SecretId and its key; the emulator verifies signatures made with any pair it was given. */
export interface EmulatorCredential {
  readonly secretId: string;
  readonly secretKey: string;
}

/** Injected faults, for rehearsals and tests. Every rate is a fraction from 0 to 1. */
export interface FaultOptions {
  /** Added to every faulted action's answer, in milliseconds. */
  readonly latencyMs?: number;
  /** Up to this many more milliseconds, drawn uniformly per request. */
  readonly jitterMs?: number;
  /**
   * A faulted request that changes state does so as it arrives, then waits out its delay before
   * answering (a server that commits first and answers late). Default: the change is made when the
   * answer goes out, after the delay.
   */
  readonly effectOnArrival?: boolean;
  /** Fraction answered `RequestLimitExceeded` (nothing changes). */
  readonly throttleRate?: number;
  /** Fraction answered HTTP 503 (before the change) or HTTP 502 (after it was applied), half each. */
  readonly errorRate?: number;
  /** Fraction whose connection is closed without an answer, half before and half after the change. */
  readonly dropRate?: number;
  /** Seed of the random sequence, so a run's faults repeat exactly. Default: random. */
  readonly faultSeed?: number;
  /** Actions the faults apply to. Default: the writes (CreateSignaturePolicy, DeleteSignaturePolicy, CreateSignature). */
  readonly faultActions?: readonly string[];
}

export interface EmulatorOptions extends FaultOptions {
  /** TCP port; 0 picks a free one. Default 9500. */
  readonly port?: number;
  /** Address to bind. Default 127.0.0.1 (loopback only). */
  readonly host?: string;
  /** Seed state, as an object or a JSON file path. Default: the bundled fixtures/emulator-seed.json. */
  readonly seed?: EmulatorSeed | string;
  /** Accepted key pairs. Default: TENCENTCLOUD_SECRET_ID/KEY from the environment, else the demo pair. */
  readonly credentials?: readonly EmulatorCredential[];
  /** Requests per second per action and SecretId, replacing the documented ones (Infinity turns one off). */
  readonly rateLimits?: Readonly<Record<string, number>>;
  /**
   * Every action, reads included, limited to this many requests per second per SecretId (a stricter
   * server than the documented limits, as a sub-account shared with other tools sees it). `rateLimits`
   * still wins for the actions it names.
   */
  readonly rateLimitAll?: number;
  /**
   * DescribeNamespaces counts `Offset` in pages (Offset 2 with Limit 100 starts at item 200), as its API
   * reference describes it. Default: the seed's `offsetCountsPages`, else items as most lists do.
   */
  readonly offsetCountsPages?: boolean;
  /** How DescribeRepositories names repositories (`with-namespace`: `library/busybox`; `bare`: `busybox`). Default: the seed's, else `with-namespace`. */
  readonly repositoryNames?: 'with-namespace' | 'bare';
  /** DescribeRepositories and DescribeImages count page numbers from 0 instead of 1 (the other reading of "page number"). */
  readonly pagesFromZero?: boolean;
  /** Receives one line per request; omit it for a quiet emulator. */
  readonly log?: (line: string) => void;
  /** How many recent requests `state.recentRequests()` keeps (with their bodies). Default 200; 0 keeps none. */
  readonly requestLogSize?: number;
  /** Largest accepted body in bytes. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** A client must send its headers within this many ms. Default 10 000. */
  readonly headersTimeoutMs?: number;
  /** A client must send its whole request within this many ms. Default 30 000. */
  readonly requestTimeoutMs?: number;
  /** Allowed clock skew of X-TC-Timestamp, in seconds. Default 300, as the real API. */
  readonly maxSkewSeconds?: number;
  /** Temporary credentials live at most this many seconds, whatever DurationSeconds asks (tests of their refresh). */
  readonly roleSessionSeconds?: number;
  /** Monotonic milliseconds the rate limiter counts with; tests freeze it to make bursts exact. */
  readonly clock?: () => number;
}

/** A signature policy as the emulator holds it. */
export type PolicySnapshot = PolicyRecord;

export interface NamespaceSnapshot {
  readonly RegistryId: string;
  readonly Region: string;
  readonly Name: string;
  /** Whether the namespace has a signature policy (what DescribeNamespaces' KmsSignPolicy filter shows). */
  readonly signing: boolean;
}

/** One repository's tags, as the state view shows them: signed (by the seed or by CreateSignature) and not. */
export interface ImageSnapshot {
  readonly RegistryId: string;
  readonly NamespaceName: string;
  /** The name inside its namespace (`images/debian`). */
  readonly RepositoryName: string;
  readonly signed: readonly string[];
  readonly unsigned: readonly string[];
}

/** How the requests naming one action ended: `ok`, an error code, `http-502`, `dropped-after`, … */
export interface ActionCount {
  readonly requests: number;
  readonly outcomes: Readonly<Record<string, number>>;
}

export interface RequestLogEntry {
  readonly seq: number;
  /** ISO 8601 time the request arrived. */
  readonly receivedAt: string;
  /** ISO 8601 time its answer went out (or its connection was dropped): with `receivedAt`, the order of actions. */
  readonly answeredAt: string;
  readonly action: string;
  readonly region: string;
  readonly secretId: string;
  /** The raw body text as received (cut at 64 KiB; see `bodyTruncated`). */
  readonly body: string;
  readonly bodyTruncated: boolean;
  /** HTTP status answered; 0 when the connection was dropped. */
  readonly status: number;
  /** `ok`, the error code, or the fault (`http-503`, `dropped-before`, …). */
  readonly outcome: string;
  readonly requestId?: string;
  readonly ms: number;
}

/** A read-only window on the emulator's state for tests and end-to-end runs. */
export interface EmulatorState {
  /** Every policy, seeded or created, in creation order. */
  policies(): PolicySnapshot[];
  /** Namespaces (of one registry, or all) and whether each signs. */
  namespaces(registryId?: string): NamespaceSnapshot[];
  /** Requests received per action (unknown or missing actions are counted under `(other)`). */
  actionCounts(): Record<string, ActionCount>;
  /** Policies actually created per `RegistryId/NamespaceName`; a value above 1 means a duplicate. */
  successfulCreates(): Record<string, number>;
  /** Every repository (of one registry, or all) with its signed and unsigned tags. */
  images(registryId?: string): ImageSnapshot[];
  /** Successful CreateSignature answers per `RegistryId/NamespaceName/RepositoryName:tag`; above 1 means signed twice. */
  successfulSignatures(): Record<string, number>;
  /** The last requests, oldest first, up to `requestLogSize`. */
  recentRequests(): RequestLogEntry[];
  /** How many times AssumeRole issued credentials, per role ARN. */
  assumedRoles(): Record<string, number>;
  /**
   * Every temporary credential issued (key and token included), so a test can look for them in what a
   * client wrote. In process only: the HTTP state view never shows them.
   */
  issuedSecrets(): string[];
}

export interface EmulatorHandle {
  /** Endpoint URL, e.g. `http://127.0.0.1:9500`. */
  readonly url: string;
  readonly port: number;
  /** The SecretIds accepted (never the keys). */
  readonly secretIds: readonly string[];
  readonly state: EmulatorState;
  /** Stops listening, cuts open connections and resolves once the server is closed. Safe to call twice. */
  close(): Promise<void>;
}
