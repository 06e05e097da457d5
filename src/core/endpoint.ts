import { UsageError } from './errors.js';

export const DEFAULT_ENDPOINT = 'https://tcr.tencentcloudapi.com';

/** An API endpoint split the way the SDK's httpProfile wants it. */
export interface Endpoint {
  /** Normalised URL, e.g. https://tcr.tencentcloudapi.com or http://127.0.0.1:9500 */
  readonly url: string;
  readonly protocol: 'https://' | 'http://';
  /** host[:port], as the SDK's httpProfile.endpoint. */
  readonly host: string;
  readonly loopback: boolean;
}

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|localhost|\[::1\])$/;

export function parseEndpoint(text: string): Endpoint {
  // Without a scheme: https, except for loopback, where only the emulator listens and it speaks http.
  const withScheme = /^[a-z]+:\/\//i.test(text) ? text : `${/^(127\.|localhost|\[::1\])/.test(text) ? 'http' : 'https'}://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`--endpoint '${text}' is not a URL`, `use ${DEFAULT_ENDPOINT}, or http://127.0.0.1:PORT for the emulator`);
  }
  const loopback = LOOPBACK.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new UsageError(`--endpoint '${text}': only https, or plain http to a loopback address (the emulator)`, `use ${DEFAULT_ENDPOINT}`);
  }
  if (url.pathname !== '/' || url.search || url.username) {
    throw new UsageError(`--endpoint '${text}' must be a scheme and host only, without a path, query or user`, `use ${DEFAULT_ENDPOINT}`);
  }
  const protocol = url.protocol === 'http:' ? 'http://' : 'https://';
  return { url: `${protocol}${url.host}`, protocol, host: url.host, loopback };
}
