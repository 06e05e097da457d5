import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { ApiOutcome } from '../core/api-outcome.js';
import { actionSpec, KMS_VERSION, TCR_VERSION } from '../core/api-actions.js';
import { CONNECTION_REFUSED, HOST_NOT_FOUND, TLS_FAILURE } from '../core/classify-error.js';
import type { Endpoint, Endpoints } from '../core/endpoint.js';
import type { ApiService, TcrApi } from '../core/tcr-api.js';
import { language } from '../i18n/messages.js';
import type { Credential, CredentialProvider } from './credentials.js';
import { pacedApi, type PacedApi, type TrafficOptions } from './traffic/paced-api.js';
import { requestLogger } from './traffic/request-log.js';
import { t } from '../i18n/messages.js';

interface SdkClient {
  request(action: string, params: unknown, options: { signal?: AbortSignal }): Promise<Record<string, unknown>>;
}
type ClientClass = new (config: unknown) => SdkClient;

export interface SdkApiOptions {
  /** Seconds before a request with no answer is given up (its outcome is then unknown). */
  readonly timeoutSeconds?: number;
  /** The write rate and in-flight cap of the lanes, and the shared budget (--redis). */
  readonly traffic?: Pick<TrafficOptions, 'writeRate' | 'concurrency' | 'shared' | 'lost'>;
  /** The language of the API's error messages (X-TC-Language); default: the run's (--lang, the locale). */
  readonly language?: 'zh-CN' | 'en-US';
  /** The account the calls act in, which names its lanes (default: the fixed credential's SecretId). */
  readonly account?: Pick<TrafficOptions, 'account' | 'accountLabel' | 'ready'>;
}

/**
 * The API through the official tencentcloud-sdk-nodejs clients (loaded lazily, only the TCR and KMS
 * parts; one client per service and region, keep-alive agents), every call paced in its lane.
 */
export async function createSdkApi(endpoints: Endpoints, credential: Credential | CredentialProvider, o: SdkApiOptions = {}): Promise<PacedApi> {
  const [tcr, kms] = await Promise.all([
    import('tencentcloud-sdk-nodejs/tencentcloud/services/tcr/v20190924/tcr_client.js'),
    import('tencentcloud-sdk-nodejs/tencentcloud/services/kms/v20190118/kms_client.js'),
  ]);
  // The SDK's client classes, by the service and version API_ACTIONS names for each action.
  const classes: Readonly<Record<string, ClientClass>> = {
    [`tcr@${TCR_VERSION}`]: tcr.Client as unknown as ClientClass,
    [`kms@${KMS_VERSION}`]: kms.Client as unknown as ClientClass,
  };
  const agents = { 'http://': new HttpAgent({ keepAlive: true }), 'https://': new HttpsAgent({ keepAlive: true }) };
  const clients = new Map<string, SdkClient>();
  const clientFor = (action: string, region: string): SdkClient => {
    const { service, version } = actionSpec(action);
    const key = `${service}@${version}/${region}`;
    let client = clients.get(key);
    if (!client) {
      const endpoint = endpoints.forRegion(region);
      const Client = classes[`${service}@${version}`];
      if (!Client) throw new Error(`no SDK client for ${service} ${version} (the API_ACTIONS entry of ${action})`);
      client = new Client({
        credential,
        region,
        profile: {
          language: o.language ?? (language() === 'zh-CN' ? 'zh-CN' : 'en-US'),
          httpProfile: { endpoint: hostFor(service, endpoint), protocol: endpoint.protocol, reqTimeout: o.timeoutSeconds ?? 15, agent: agents[endpoint.protocol] },
        },
      });
      clients.set(key, client);
    }
    return client;
  };
  const sdk: TcrApi = {
    async call(_service, action, region, params, signal) {
      try {
        const response = await clientFor(action, region).request(action, params, { signal });
        return { ok: true, requestId: String(response.RequestId ?? ''), response };
      } catch (error) {
        return failureOf(error);
      }
    },
  };
  const paced = pacedApi(sdk, {
    writeRate: o.traffic?.writeRate ?? 20,
    concurrency: o.traffic?.concurrency,
    shared: o.traffic?.shared,
    lost: o.traffic?.lost,
    account: 'secretId' in credential ? credential.secretId : '',
    ...o.account,
    onRequest: requestLogger(),
    endpointOf: (service, region) => {
      const endpoint = endpoints.forRegion(region);
      return `${endpoint.protocol}${hostFor(service, endpoint)}`;
    },
  });
  return {
    ...paced,
    call: paced.call,
    async close() {
      await paced.close();
      agents['http://'].destroy();
      agents['https://'].destroy();
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
  if (/ECONNREFUSED/.test(message)) return { ok: false, code: CONNECTION_REFUSED, message, requestId };
  if (/\b(ENOTFOUND|EAI_AGAIN)\b/.test(message)) return { ok: false, code: HOST_NOT_FOUND, message, requestId };
  if (/\bEPROTO\b|\bERR_(SSL|TLS)_|\bCERT_|SSL routines|certificate/i.test(message)) return { ok: false, code: TLS_FAILURE, message, requestId };
  if (/abort/i.test(message)) return { ok: false, code: 'Aborted', message: t('note.interruptedInFlight'), requestId };
  if (/timeout/i.test(message)) return { ok: false, code: 'Timeout', message, requestId };
  return { ok: false, code: 'NetworkError', message, requestId };
}
