import type { IncomingHttpHeaders } from 'node:http';
import { buildCanonicalRequest, hostWithoutPort, sha256Hex, type Tc3Authorization } from './tc3-signature.js';

/** Products served on this port: a client signing for either is right whatever host it called. */
const SERVED_PRODUCTS = ['tcr', 'kms', 'sts'];

export function headerText(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * Every service a correct client may name in its credential scope when calling this Host: tcr, kms,
 * any label of the host name, and the SDK's own derivation, `endpoint.split('.')[0]` of `host:port`
 * (`localhost:9500` for `localhost:9500`, `127` for `127.0.0.1:9500`).
 */
export function acceptedServices(host: string): Set<string> {
  const trimmed = host.trim().toLowerCase();
  const labels = hostWithoutPort(trimmed).split('.');
  return new Set([...SERVED_PRODUCTS, ...labels, trimmed.split('.')[0] ?? '']);
}

export interface SignedParts {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export class MissingSignedHeader extends Error {
  constructor(readonly header: string) {
    super(`the signed header ${header} is not in the request`);
  }
}

/**
 * The canonical requests a correct client may have signed, the documented one first: values lower-cased
 * and trimmed, host without its port. Then the forms other correct clients produce: values in their sent
 * case (the Node SDK does not lower-case) and the host with its port (signers that copy the Host header).
 * Lazy, so a request signed the documented way costs one HMAC.
 */
export function* canonicalRequestsOf(auth: Tc3Authorization, request: SignedParts): Generator<string> {
  const signed = auth.signedHeaders.map((name): [string, string] => {
    const value = headerText(request.headers, name);
    if (value === undefined) throw new MissingSignedHeader(name);
    return [name, value];
  });
  const queryAt = request.url.indexOf('?');
  const base = {
    method: request.method,
    path: queryAt === -1 ? request.url : request.url.slice(0, queryAt),
    query: queryAt === -1 ? '' : request.url.slice(queryAt + 1),
    payloadHash: sha256Hex(request.body),
  };
  const host = signed.find(([name]) => name === 'host')?.[1].trim() ?? '';
  const hosts = hostWithoutPort(host) === host ? [host] : [hostWithoutPort(host), host];
  const cases = signed.some(([, value]) => value !== value.toLowerCase()) ? (['lower', 'as-sent'] as const) : (['lower'] as const);
  for (const hostValue of hosts) {
    const headers = signed.map(([name, value]): [string, string] => [name, name === 'host' ? hostValue : value]);
    for (const valueCase of cases) yield buildCanonicalRequest({ ...base, headers, valueCase });
  }
}
