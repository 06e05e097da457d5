import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { ApiOutcome } from '../core/api-outcome.js';
import type { Endpoint } from '../core/endpoint.js';
import type { ApiService, TcrApi } from '../core/tcr-api.js';
import type { Credential } from './credentials.js';

const VERSIONS: Record<ApiService, string> = { tcr: '2019-09-24', kms: '2019-01-18' };

interface SdkClient {
  request(action: string, params: unknown, options: { signal?: AbortSignal }): Promise<Record<string, unknown>>;
}
type ClientClass = new (config: unknown) => SdkClient;

/**
 * The API through the official tencentcloud-sdk-nodejs clients, loaded lazily and only the TCR and
 * KMS parts. One client per service and region, sharing one keep-alive agent.
 */
export async function createSdkApi(endpoint: Endpoint, credential: Credential, timeoutSeconds = 15): Promise<TcrApi> {
  const [tcr, kms] = await Promise.all([
    import('tencentcloud-sdk-nodejs/tencentcloud/services/tcr/v20190924/tcr_client.js'),
    import('tencentcloud-sdk-nodejs/tencentcloud/services/kms/v20190118/kms_client.js'),
  ]);
  const classes: Record<ApiService, ClientClass> = {
    tcr: tcr.Client as unknown as ClientClass,
    kms: kms.Client as unknown as ClientClass,
  };
  const agent = endpoint.protocol === 'http://' ? new HttpAgent({ keepAlive: true }) : new HttpsAgent({ keepAlive: true });
  const clients = new Map<string, SdkClient>();
  const clientFor = (service: ApiService, region: string): SdkClient => {
    const key = `${service}/${region}`;
    let client = clients.get(key);
    if (!client) {
      client = new classes[service]({
        credential,
        region,
        profile: { httpProfile: { endpoint: hostFor(service, endpoint), protocol: endpoint.protocol, reqTimeout: timeoutSeconds, agent } },
      });
      clients.set(key, client);
    }
    return client;
  };
  return {
    async call(service, action, region, params, signal) {
      try {
        const response = await clientFor(service, region).request(action, params, { signal });
        return { ok: true, requestId: String(response.RequestId ?? ''), response };
      } catch (error) {
        return failureOf(error);
      }
    },
  };
}

/** KMS lives at kms.<domain> beside tcr.<domain>; the emulator serves both on one port. */
function hostFor(service: ApiService, endpoint: Endpoint): string {
  if (service === 'kms' && endpoint.host.startsWith('tcr.')) return `kms.${endpoint.host.slice(4)}`;
  return endpoint.host;
}

/** Turns the SDK's exception into an outcome: an API error code, an HTTP status, or no answer at all. */
export function failureOf(error: unknown): Extract<ApiOutcome, { ok: false }> {
  const e = error as { code?: string; requestId?: string; httpCode?: number; message?: string };
  const message = e.message ?? String(error);
  const requestId = e.requestId ?? '';
  if (e.code) return { ok: false, code: e.code, message, requestId };
  if (e.httpCode) return { ok: false, code: 'HttpError', message: `HTTP ${e.httpCode} ${message}`.trim(), requestId, httpStatus: e.httpCode };
  if (/abort/i.test(message)) return { ok: false, code: 'Aborted', message: 'interrupted while in flight; the outcome is unknown', requestId };
  if (/timeout/i.test(message)) return { ok: false, code: 'Timeout', message, requestId };
  return { ok: false, code: 'NetworkError', message, requestId };
}

export { VERSIONS as API_VERSIONS };
