import type Bottleneck from 'bottleneck';
import { UsageError } from '../../core/errors.js';
import { t } from '../../i18n/messages.js';

export interface SharedBudget {
  /** Bottleneck settings that put the lane named `id` in Redis, shared by every process using it. */
  shared(id: string): Bottleneck.ConstructorOptions;
  /**
   * Aborts once Redis is lost (its connection ended, or it has not answered a ping for LOST_AFTER_MS):
   * the lanes stop starting requests, since only Redis knows what the other processes send.
   */
  readonly lost: AbortSignal;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 3000;
/** How often Redis is asked whether it is there, and how long its silence may last before it counts as lost. */
const PING_EVERY_MS = 1000;
const LOST_AFTER_MS = 3000;
/** Closing never waits longer than this on a Redis that has gone. */
const CLOSE_WAIT_MS = 1000;

/**
 * Connects to the Redis behind --redis, through bottleneck's own clustering (its ioredis datastore),
 * so processes and machines on one sub-account share each lane's budget. ioredis loads only here. A
 * Redis that cannot be reached is a usage error before anything is sent; the URL's password is never shown.
 */
export async function connectSharedBudget(url: string): Promise<SharedBudget> {
  const shown = redacted(url);
  const [{ Redis }, { default: BottleneckClass }] = await Promise.all([import('ioredis'), import('bottleneck')]);
  let client: InstanceType<typeof Redis>;
  try {
    // Not lazyConnect: bottleneck's subscriber is a duplicate of this client and must connect by itself.
    client = new Redis(url, { connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 3, retryStrategy: (times: number) => (times > 5 ? null : 200) });
  } catch (error) {
    throw new UsageError(t('redis.notUrl', { url: shown, why: (error as Error).message }), t('redis.notUrlHint'));
  }
  // The socket's own error says why (refused, no such host, …); the ping's only that it gave up.
  let cause: (Error & { code?: string }) | undefined;
  client.on('error', (error: Error) => {
    cause ??= error;
  });
  try {
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new UsageError(t('redis.unreachable', { where: hostPort(url), why: whyUnreachable(cause ?? (error as Error)) }), t('redis.unreachableHint'));
  }
  const connection = new BottleneckClass.IORedisConnection({ client, Redis });
  const lost = new AbortController();
  const loseIt = (): void => {
    if (lost.signal.aborted) return;
    lost.abort(new Error('the connection to Redis was lost'));
    // Drop both connections now: bottleneck's own Redis calls then stop, rather than fail later, one by one.
    void connection.disconnect(false).catch(() => undefined);
  };
  client.on('end', loseIt);
  // A Redis that stops answering without closing (stopped, cut off) is noticed by its silence.
  let answeredAt = Date.now();
  const heartbeat = setInterval(() => {
    if (Date.now() - answeredAt > LOST_AFTER_MS) loseIt();
    client.ping().then(() => (answeredAt = Date.now()), () => undefined);
  }, PING_EVERY_MS);
  heartbeat.unref();
  return {
    shared: (id) => ({ id, datastore: 'ioredis', connection, clearDatastore: false }),
    lost: lost.signal,
    async close() {
      clearInterval(heartbeat);
      // A clean quit waits for Redis to answer; a lost one never will.
      if (!lost.signal.aborted) {
        const quit = connection.disconnect(true).catch(() => undefined);
        await Promise.race([quit, new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
      }
      // Both of its connections (bottleneck's subscriber too), whether the quit was answered or not.
      await connection.disconnect(false).catch(() => undefined);
    },
  };
}

/** HOST:PORT of a Redis URL, as a user would name the server (ioredis' defaults: localhost, 6379). */
function hostPort(url: string): string {
  try {
    const { hostname, port } = new URL(url);
    return `${hostname || 'localhost'}:${port || '6379'}`;
  } catch {
    return redacted(url);
  }
}

/** The reason in the tool's words: the client library's own messages name its options, not the user's. */
function whyUnreachable(error: Error & { code?: string }): string {
  if (error.code === 'ECONNREFUSED') return t('redis.refused');
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return t('redis.noSuchHost');
  if (/NOAUTH|WRONGPASS|invalid password/i.test(error.message)) return t('redis.auth');
  return t('redis.noAnswer');
}

function redacted(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
