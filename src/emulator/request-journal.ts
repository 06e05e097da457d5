import type { ActionCount, RequestLogEntry } from './types.js';

/** Bodies kept in the request log are cut here so the log stays small whatever clients send. */
const MAX_LOGGED_BODY_BYTES = 64 * 1024;

export interface FinishedRequest {
  readonly receivedAt: Date;
  /** The action as counted: a known action, or `(other)`. */
  readonly action: string;
  readonly region: string;
  readonly secretId: string;
  readonly body: Buffer | undefined;
  readonly status: number;
  readonly outcome: string;
  readonly requestId?: string;
  readonly ms: number;
}

interface MutableCount {
  requests: number;
  readonly outcomes: Map<string, number>;
}

/**
 * Counts every finished request per action and outcome, keeps the last N with their bodies, and writes
 * the one-line log. Its size is bounded: actions and outcomes come from fixed sets, the log is a ring.
 */
export class RequestJournal {
  private readonly counts = new Map<string, MutableCount>();
  private readonly ring: RequestLogEntry[] = [];
  private next = 0;
  private seq = 0;

  constructor(
    private readonly logSize: number,
    private readonly log: ((line: string) => void) | undefined,
  ) {}

  record(request: FinishedRequest): void {
    const count = this.counts.get(request.action) ?? { requests: 0, outcomes: new Map<string, number>() };
    count.requests += 1;
    count.outcomes.set(request.outcome, (count.outcomes.get(request.outcome) ?? 0) + 1);
    this.counts.set(request.action, count);
    this.seq += 1;
    if (this.logSize > 0) this.remember(request);
    this.log?.(
      `${request.receivedAt.toISOString().slice(11, 23)} ${request.action} ${request.region || '-'} ` +
        `${request.status || '-'} ${request.outcome} ${Math.round(request.ms)}ms`,
    );
  }

  private remember(request: FinishedRequest): void {
    const body = request.body ?? Buffer.alloc(0);
    const entry: RequestLogEntry = {
      seq: this.seq,
      receivedAt: request.receivedAt.toISOString(),
      answeredAt: new Date(request.receivedAt.getTime() + request.ms).toISOString(),
      action: request.action,
      region: request.region,
      secretId: request.secretId,
      body: body.subarray(0, MAX_LOGGED_BODY_BYTES).toString('utf8'),
      bodyTruncated: body.length > MAX_LOGGED_BODY_BYTES,
      status: request.status,
      outcome: request.outcome,
      ms: request.ms,
      ...(request.requestId === undefined ? {} : { requestId: request.requestId }),
    };
    if (this.ring.length < this.logSize) this.ring.push(entry);
    else this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.logSize;
  }

  actionCounts(): Record<string, ActionCount> {
    return Object.fromEntries(
      [...this.counts].map(([action, c]) => [action, { requests: c.requests, outcomes: Object.fromEntries(c.outcomes) }]),
    );
  }

  /** Oldest first. */
  recent(): RequestLogEntry[] {
    return this.ring.length < this.logSize ? [...this.ring] : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }
}
