import { createHash, createHmac } from 'node:crypto';

/** The only signing algorithm TencentCloud API 3.0 defines for header-signed requests. */
export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

/** What the canonical request is built from; the caller decides which headers are signed. */
export interface CanonicalRequestInput {
  /** HTTP method, upper case (`POST`). */
  readonly method: string;
  /** Canonical URI: the path, `/` for API 3.0. */
  readonly path: string;
  /** Canonical query string: empty for POST. */
  readonly query: string;
  /** The signed headers, in the order they are listed in `SignedHeaders`, with their values. */
  readonly headers: ReadonlyArray<readonly [name: string, value: string]>;
  /**
   * `lower` (default) is the documented canonical form: values lower-cased and trimmed. `as-sent` only
   * trims, as the Node SDK builds it (it never lower-cases, which matters only for values with capitals).
   */
  readonly valueCase?: 'lower' | 'as-sent';
  /** Lower-case hex SHA-256 of the raw request body. */
  readonly payloadHash: string;
}

/** Everything needed to sign one request. */
export interface Tc3SignInput {
  readonly secretId: string;
  readonly secretKey: string;
  /** Service in the credential scope (`tcr`, `kms`, or what the client derived from its endpoint). */
  readonly service: string;
  /** Unix time in seconds, as sent in `X-TC-Timestamp`. */
  readonly timestamp: number;
  readonly request: CanonicalRequestInput;
}

export interface Tc3Signed {
  readonly authorization: string;
  readonly signature: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

/** The parts of an `Authorization: TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header. */
export interface Tc3Authorization {
  readonly secretId: string;
  readonly date: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The host as signed: API 3.0 signs the host name without the port (the SDK uses `URL.hostname`). */
export function hostWithoutPort(host: string): string {
  const trimmed = host.trim();
  if (trimmed.startsWith('[')) return trimmed.slice(0, trimmed.indexOf(']') + 1);
  const colon = trimmed.indexOf(':');
  return colon === -1 ? trimmed : trimmed.slice(0, colon);
}

export function buildCanonicalRequest(input: CanonicalRequestInput): string {
  const names = input.headers.map(([name]) => name.toLowerCase());
  const lower = input.valueCase !== 'as-sent';
  const canonicalHeaders = input.headers
    .map(([name, value]) => `${name.toLowerCase()}:${lower ? value.trim().toLowerCase() : value.trim()}\n`)
    .join('');
  return [input.method, input.path, input.query, canonicalHeaders, names.join(';'), input.payloadHash].join('\n');
}

/** `YYYY-MM-DD` of a Unix timestamp in UTC: the date the credential scope must carry. */
export function utcDateOf(timestampSeconds: number): string {
  return new Date(timestampSeconds * 1000).toISOString().slice(0, 10);
}

export function credentialScope(date: string, service: string): string {
  return `${date}/${service}/tc3_request`;
}

export function buildStringToSign(timestamp: number, scope: string, canonicalRequest: string): string {
  return [TC3_ALGORITHM, String(timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
}

function hmac(key: string | Buffer, message: string): Buffer {
  return createHmac('sha256', key).update(message, 'utf8').digest();
}

/** Hex signature of a string to sign, with the key derived from date and service as TC3 prescribes. */
export function tc3Signature(secretKey: string, date: string, service: string, stringToSign: string): string {
  const signingKey = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

export function formatTc3Authorization(auth: Tc3Authorization): string {
  const scope = credentialScope(auth.date, auth.service);
  return `${TC3_ALGORITHM} Credential=${auth.secretId}/${scope}, SignedHeaders=${auth.signedHeaders.join(';')}, Signature=${auth.signature}`;
}

export function signTc3(input: Tc3SignInput): Tc3Signed {
  const date = utcDateOf(input.timestamp);
  const canonicalRequest = buildCanonicalRequest(input.request);
  const stringToSign = buildStringToSign(input.timestamp, credentialScope(date, input.service), canonicalRequest);
  const signature = tc3Signature(input.secretKey, date, input.service, stringToSign);
  const signedHeaders = input.request.headers.map(([name]) => name.toLowerCase());
  const authorization = formatTc3Authorization({
    secretId: input.secretId,
    date,
    service: input.service,
    signedHeaders,
    signature,
  });
  return { authorization, signature, canonicalRequest, stringToSign };
}

const AUTHORIZATION_PATTERN = new RegExp(
  `^${TC3_ALGORITHM}\\s+Credential=([^/\\s,]+)/(\\d{4}-\\d{2}-\\d{2})/([^/\\s,]+)/tc3_request\\s*,` +
    `\\s*SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*)\\s*,\\s*Signature=([0-9a-fA-F]{64})\\s*$`,
);

/** Parses an Authorization header; `undefined` when it is not a well-formed TC3 header. */
export function parseTc3Authorization(header: string): Tc3Authorization | undefined {
  const match = AUTHORIZATION_PATTERN.exec(header.trim());
  if (!match) return undefined;
  const [, secretId = '', date = '', service = '', signedHeaders = '', signature = ''] = match;
  return { secretId, date, service, signedHeaders: signedHeaders.split(';'), signature: signature.toLowerCase() };
}
