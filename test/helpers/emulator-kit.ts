// Shared helpers for the emulator tests: SDK clients pointed at an emulator, and raw signed requests.
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { Client as KmsClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/kms/v20190118/kms_client.js';
import { Client as TcrClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tcr/v20190924/tcr_client.js';
import { sha256Hex, signTc3 } from '../../src/emulator/tc3-signature.js';
import {
  loadSeed,
  DEMO_SECRET_ID,
  DEMO_SECRET_KEY,
  startEmulator,
  type EmulatorHandle,
  type EmulatorOptions,
} from '../../src/emulator/index.js';

export const GZ_REGISTRY = 'tcr-ab12cd34';
export const SH_REGISTRY = 'tcr-9x8y7z6w';
export const GZ_SIGNING_KEY = '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3';
export const SH_SIGNING_KEY = '8d2e4f6a-4b7d-11ee-9c3a-525400d4e5f6';
/** Policies the bundled seed starts with (tests that count the whole account add to it). */
export const SEEDED_POLICIES = (await loadSeed(undefined)).policies.length;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An emulator on a free port with the demo pair, whatever the environment of the test run holds. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  return startEmulator({ credentials: [{ secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY }], ...options, port: 0 });
}

export interface ClientOptions {
  readonly region?: string | null;
  readonly secretId?: string;
  readonly secretKey?: string;
  readonly token?: string;
}

function clientConfig(emulator: EmulatorHandle, options: ClientOptions) {
  return {
    credential: {
      secretId: options.secretId ?? DEMO_SECRET_ID,
      secretKey: options.secretKey ?? DEMO_SECRET_KEY,
      ...(options.token ? { token: options.token } : {}),
    },
    ...(options.region === null ? {} : { region: options.region ?? 'ap-guangzhou' }),
    profile: { httpProfile: { endpoint: `127.0.0.1:${emulator.port}`, protocol: 'http://', reqTimeout: 5 } },
  };
}

export function tcrClient(emulator: EmulatorHandle, options: ClientOptions = {}): TcrClient {
  return new TcrClient(clientConfig(emulator, options));
}

export function kmsClient(emulator: EmulatorHandle, options: ClientOptions = {}): KmsClient {
  return new KmsClient(clientConfig(emulator, options));
}

export interface SdkFailure {
  readonly code: string;
  readonly message: string;
  readonly requestId: string;
  readonly httpCode?: number;
}

/** The SDK's exception for a call that must fail (the test fails if it succeeds). */
export async function failureOf(call: Promise<unknown>): Promise<SdkFailure> {
  try {
    await call;
  } catch (error) {
    const e = error as { code?: string; message: string; requestId?: string; httpCode?: number };
    return { code: e.code ?? '', message: e.message, requestId: e.requestId ?? '', ...(e.httpCode ? { httpCode: e.httpCode } : {}) };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/** One raw HTTP request; resolves with the answer, rejects when the connection ends without one. */
export function rawRequest(port: number, method: string, headers: OutgoingHttpHeaders, body = ''): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path: '/', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface SignOptions {
  readonly port: number;
  readonly action?: string;
  readonly version?: string;
  readonly region?: string;
  readonly contentType?: string;
  readonly timestamp?: number;
  readonly service?: string;
  readonly secretId?: string;
  readonly secretKey?: string;
}

/** Headers of a correctly signed TC3 request for `body`, signing content-type and host as the SDK does. */
export function signedHeaders(body: string, o: SignOptions): Record<string, string> {
  const contentType = o.contentType ?? 'application/json';
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
  const signed = signTc3({
    secretId: o.secretId ?? DEMO_SECRET_ID,
    secretKey: o.secretKey ?? DEMO_SECRET_KEY,
    service: o.service ?? 'tcr',
    timestamp,
    request: {
      method: 'POST',
      path: '/',
      query: '',
      headers: [['content-type', contentType], ['host', '127.0.0.1']],
      payloadHash: sha256Hex(body),
    },
  });
  return {
    'Content-Type': contentType,
    Host: `127.0.0.1:${o.port}`,
    'X-TC-Action': o.action ?? 'DescribeRegions',
    'X-TC-Version': o.version ?? '2019-09-24',
    'X-TC-Region': o.region ?? 'ap-guangzhou',
    'X-TC-Timestamp': String(timestamp),
    Authorization: signed.authorization,
  };
}

/** `Response.Error.Code` (or '' on success) and the RequestId of a raw API answer. */
export function envelopeOf(answer: RawAnswer): { code: string; message: string; requestId: string } {
  const parsed = JSON.parse(answer.text) as { Response: { Error?: { Code: string; Message: string }; RequestId: string } };
  return { code: parsed.Response.Error?.Code ?? '', message: parsed.Response.Error?.Message ?? '', requestId: parsed.Response.RequestId };
}
