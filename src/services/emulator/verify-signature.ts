import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  buildCanonicalRequest,
  buildStringToSign,
  credentialScope,
  hostWithoutPort,
  parseTc3Authorization,
  sha256Hex,
  tc3Signature,
  utcDateOf,
  type Tc3Authorization,
} from '../../core/tc3-signature.js';
import { ApiError, ErrorCode, missingParameter } from './api-error.js';
import type { EmulatorCredential } from './types.js';

export interface SignedRequest {
  readonly method: string;
  /** The request target as received (`/` or `/?…`). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Services a credential scope may name: the products served, or what the SDK derives from the host. */
const SERVED_PRODUCTS = ['tcr', 'kms'];

function headerText(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function invalidAuthorization(why: string): ApiError {
  return new ApiError(ErrorCode.InvalidAuthorization, `The Authorization header is invalid: ${why}.`);
}

function signatureFailure(why: string): ApiError {
  return new ApiError(ErrorCode.SignatureFailure, `The provided credentials could not be validated: ${why}.`);
}

/** Verifies TC3-HMAC-SHA256 signatures the way the API gateway does, and names the caller's SecretId. */
export class SignatureVerifier {
  private readonly keys: ReadonlyMap<string, string>;

  constructor(
    credentials: readonly EmulatorCredential[],
    private readonly maxSkewSeconds: number,
    private readonly nowSeconds: () => number = () => Date.now() / 1000,
  ) {
    this.keys = new Map(credentials.map((c) => [c.secretId, c.secretKey]));
  }

  /** Returns the SecretId of a correctly signed request; throws the AuthFailure the gateway would. */
  verify(request: SignedRequest): string {
    const header = headerText(request.headers, 'authorization');
    if (header === undefined || header.trim() === '') throw invalidAuthorization('it is missing');
    const auth = parseTc3Authorization(header);
    if (!auth) {
      throw invalidAuthorization(
        'expected "TC3-HMAC-SHA256 Credential=SecretId/YYYY-MM-DD/service/tc3_request, SignedHeaders=…, Signature=…"',
      );
    }
    for (const required of ['content-type', 'host']) {
      if (!auth.signedHeaders.includes(required)) throw invalidAuthorization(`SignedHeaders must include ${required}`);
    }
    const timestamp = this.timestampOf(request.headers);
    const secretKey = this.keys.get(auth.secretId);
    if (secretKey === undefined) {
      throw new ApiError(ErrorCode.SecretIdNotFound, `The SecretId ${auth.secretId} does not exist.`);
    }
    const skew = Math.abs(this.nowSeconds() - timestamp);
    if (skew > this.maxSkewSeconds) {
      throw new ApiError(
        ErrorCode.SignatureExpire,
        `The signature expired: X-TC-Timestamp ${timestamp} is ${Math.round(skew)} s away from the server time ` +
          `(at most ${this.maxSkewSeconds} s allowed).`,
      );
    }
    if (auth.date !== utcDateOf(timestamp)) {
      throw signatureFailure(`the credential date ${auth.date} is not the UTC date of X-TC-Timestamp (${utcDateOf(timestamp)})`);
    }
    this.checkService(auth, request.headers);
    const expected = this.expectedSignature(auth, secretKey, timestamp, request);
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(auth.signature))) {
      throw signatureFailure('the signature does not match; check the secret key and the signing steps');
    }
    return auth.secretId;
  }

  private timestampOf(headers: IncomingHttpHeaders): number {
    const text = headerText(headers, 'x-tc-timestamp');
    if (text === undefined || text.trim() === '') throw missingParameter('X-TC-Timestamp');
    if (!/^\d{1,12}$/.test(text.trim())) {
      throw new ApiError(ErrorCode.InvalidParameterValue, 'X-TC-Timestamp must be a Unix time in seconds.');
    }
    return Number(text.trim());
  }

  private checkService(auth: Tc3Authorization, headers: IncomingHttpHeaders): void {
    const hostLabel = hostWithoutPort(headerText(headers, 'host') ?? '').split('.')[0] ?? '';
    if (!SERVED_PRODUCTS.includes(auth.service) && auth.service !== hostLabel) {
      throw signatureFailure(
        `the credential scope names service "${auth.service}"; this endpoint accepts tcr, kms or "${hostLabel}"`,
      );
    }
  }

  private expectedSignature(auth: Tc3Authorization, secretKey: string, timestamp: number, request: SignedRequest): string {
    const signed = auth.signedHeaders.map((name): [string, string] => {
      const value = headerText(request.headers, name);
      if (value === undefined) throw invalidAuthorization(`the signed header ${name} is not in the request`);
      return [name, name === 'host' ? hostWithoutPort(value) : value];
    });
    const queryAt = request.url.indexOf('?');
    const canonical = buildCanonicalRequest({
      method: request.method,
      path: queryAt === -1 ? request.url : request.url.slice(0, queryAt),
      query: queryAt === -1 ? '' : request.url.slice(queryAt + 1),
      headers: signed,
      payloadHash: sha256Hex(request.body),
    });
    const stringToSign = buildStringToSign(timestamp, credentialScope(auth.date, auth.service), canonical);
    return tc3Signature(secretKey, auth.date, auth.service, stringToSign);
  }
}
