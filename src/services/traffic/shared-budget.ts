import type Bottleneck from 'bottleneck';
import { UsageError } from '../../core/errors.js';
import { t } from '../../i18n/messages.js';

export interface SharedBudget {
  /** Bottleneck settings that put the lane named `id` in Redis, shared by every process using it. */
  shared(id: string): Bottleneck.ConstructorOptions;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 3000;

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
  return {
    shared: (id) => ({ id, datastore: 'ioredis', connection, clearDatastore: false }),
    async close() {
      await connection.disconnect(true).catch(() => undefined);
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
