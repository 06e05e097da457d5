import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, ErrorCode, missingParameter } from './api-error.js';
import { MissingSignedHeader, acceptedServices, canonicalRequestsOf, headerText, type SignedParts } from './signed-forms.js';
import {
  buildStringToSign,
  credentialScope,
  parseTc3Authorization,
  sha256Hex,
  tc3Signature,
  utcDateOf,
  type Tc3Authorization,
} from './tc3-signature.js';
import { BASE_UIN } from './seed-format.js';
import type { Caller, RoleSessions } from './role-sessions.js';
import type { EmulatorCredential } from './types.js';

export type SignedRequest = SignedParts;

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function invalidAuthorization(why: string): ApiError {
  return new ApiError(ErrorCode.InvalidAuthorization, `The Authorization header is invalid: ${why}.`);
}

function signatureFailure(why: string): ApiError {
  return new ApiError(ErrorCode.SignatureFailure, `The provided credentials could not be validated: ${why}.`);
}

/** Verifies TC3-HMAC-SHA256 signatures the way the API gateway does, and names the caller. */
export class SignatureVerifier {
  private readonly keys: ReadonlyMap<string, string>;

  constructor(
    credentials: readonly EmulatorCredential[],
    private readonly maxSkewSeconds: number,
    private readonly nowSeconds: () => number = () => Date.now() / 1000,
    /** Temporary credentials AssumeRole issued; they also need their token in X-TC-Token. */
    private readonly sessions?: RoleSessions,
  ) {
    this.keys = new Map(credentials.map((c) => [c.secretId, c.secretKey]));
  }

  /** Returns the caller of a correctly signed request; throws the AuthFailure the gateway would. */
  verify(request: SignedRequest): Caller {
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
    const session = this.sessions?.session(auth.secretId);
    const secretKey = this.keys.get(auth.secretId) ?? session?.secretKey;
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
    this.checkSignature(auth, secretKey, timestamp, request);
    if (!session) return { secretId: auth.secretId, account: BASE_UIN, identity: auth.secretId };
    // A temporary key is only half a credential: the token it was issued with must come with it, unexpired.
    const token = headerText(request.headers, 'x-tc-token')?.trim() ?? '';
    if (token === '' || !safeEqual(token, session.token)) {
      throw new ApiError(ErrorCode.TokenFailure, 'The temporary key needs the token issued with it in X-TC-Token.');
    }
    if (this.nowSeconds() >= session.expiresAt) {
      throw new ApiError(ErrorCode.TokenFailure, `The temporary credentials expired at ${new Date(session.expiresAt * 1000).toISOString()}.`);
    }
    return session.caller;
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
    const accepted = acceptedServices(headerText(headers, 'host') ?? '');
    if (!accepted.has(auth.service)) {
      throw signatureFailure(
        `the credential scope names service "${auth.service}"; this endpoint accepts ${[...accepted].map((s) => `"${s}"`).join(', ')}`,
      );
    }
  }

  private checkSignature(auth: Tc3Authorization, secretKey: string, timestamp: number, request: SignedRequest): void {
    const given = Buffer.from(auth.signature);
    const scope = credentialScope(auth.date, auth.service);
    let documented: string | undefined;
    try {
      for (const canonical of canonicalRequestsOf(auth, request)) {
        documented ??= canonical;
        const expected = tc3Signature(secretKey, auth.date, auth.service, buildStringToSign(timestamp, scope, canonical));
        if (timingSafeEqual(Buffer.from(expected), given)) return;
      }
    } catch (error) {
      if (error instanceof MissingSignedHeader) throw invalidAuthorization(error.message);
      throw error;
    }
    // The hash lets a hand-written signer compare its canonical request with the documented one.
    throw signatureFailure(
      `the signature does not match; the documented canonical request of these headers hashes to ${sha256Hex(documented ?? '')}` +
        '; check the secret key and the signing steps',
    );
  }
}
