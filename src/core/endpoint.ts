import { UsageError } from './errors.js';
import { isKnownRegion, unknownRegionMessage } from './regions.js';
import { t } from '../i18n/messages.js';

export const DEFAULT_ENDPOINT = 'https://tcr.tencentcloudapi.com';

/** An API endpoint split the way the SDK's httpProfile wants it. */
export interface Endpoint {
  /** Normalised URL, e.g. https://tcr.tencentcloudapi.com or http://127.0.0.1:9500 */
  readonly url: string;
  readonly protocol: 'https://' | 'http://';
  /** host[:port], as the SDK's httpProfile.endpoint. */
  readonly host: string;
}

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|localhost|\[::1\])$/;

export function parseEndpoint(text: string): Endpoint {
  // Without a scheme: https, except for loopback, where only the emulator listens and it speaks http.
  const withScheme = /^[a-z]+:\/\//i.test(text) ? text : `${/^(127\.|localhost|\[::1\])/.test(text) ? 'http' : 'https'}://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(t('endpoint.notUrl', { text }), t('endpoint.notUrlHint', { default: DEFAULT_ENDPOINT }));
  }
  const loopback = LOOPBACK.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new UsageError(t('endpoint.scheme', { text }), t('endpoint.use', { default: DEFAULT_ENDPOINT }));
  }
  if (url.pathname !== '/' || url.search || url.username) {
    throw new UsageError(t('endpoint.hostOnly', { text }), t('endpoint.use', { default: DEFAULT_ENDPOINT }));
  }
  const protocol = url.protocol === 'http:' ? 'http://' : 'https://';
  return { url: `${protocol}${url.host}`, protocol, host: url.host };
}

/**
 * Where each region's calls go: `--endpoint URL` for all (a `{region}` in it is replaced by the
 * row's region), `--endpoint REGION=URL` for one region, repeatable. Each distinct endpoint is an
 * access region of its own, with its own rate budget.
 */
export interface Endpoints {
  /** For people: the one URL, or every entry. */
  readonly url: string;
  /** The texts given, to repeat on a command line. */
  readonly given: readonly string[];
  forRegion(region: string): Endpoint;
}

const REGION_SLOT = '{region}';
const SAMPLE_REGION = 'ap-guangzhou';

export function parseEndpoints(texts: readonly string[]): Endpoints {
  const byRegion = new Map<string, string>();
  let fallback: string | undefined;
  for (const text of texts) {
    const pinned = /^([a-z]+-[a-z-]+)=(.+)$/.exec(text);
    if (pinned) {
      const [, region = '', url = ''] = pinned;
      if (!isKnownRegion(region)) throw new UsageError(t('endpoint.unknownRegion', { text, region, why: unknownRegionMessage() }), t('endpoint.unknownRegionHint'));
      if (byRegion.has(region)) throw new UsageError(t('endpoint.twice', { region }), t('endpoint.twiceHint'));
      byRegion.set(region, checkTemplate(url));
    } else {
      if (fallback !== undefined) throw new UsageError(t('endpoint.twoDefaults', { first: fallback, second: text }), t('endpoint.twoDefaultsHint'));
      fallback = checkTemplate(text);
    }
  }
  const defaultText = fallback ?? DEFAULT_ENDPOINT;
  const cache = new Map<string, Endpoint>();
  return {
    url: byRegion.size === 0 ? defaultText : [...[...byRegion].map(([r, u]) => `${r}=${u}`), ...(fallback ? [fallback] : [])].join(', '),
    given: texts,
    forRegion(region) {
      let endpoint = cache.get(region);
      if (!endpoint) {
        endpoint = parseEndpoint((byRegion.get(region) ?? defaultText).replaceAll(REGION_SLOT, region));
        cache.set(region, endpoint);
      }
      return endpoint;
    },
  };
}

/** Checked up front with a sample region, so a mistake is a usage error before anything is read. */
function checkTemplate(text: string): string {
  parseEndpoint(text.replaceAll(REGION_SLOT, SAMPLE_REGION));
  return text;
}

/** A region whose calls would now go elsewhere than an earlier run's went. */
export interface MovedEndpoint {
  readonly region: string;
  readonly was: string;
  readonly now: string;
}

/** The first of `regions` that `used` sends elsewhere than the `recorded` --endpoint texts did, if any. */
export function movedEndpoint(recorded: readonly string[], used: Endpoints, regions: Iterable<string>): MovedEndpoint | undefined {
  const before = parseEndpoints(recorded);
  for (const region of regions) {
    const was = before.forRegion(region).url;
    const now = used.forRegion(region).url;
    if (was !== now) return { region, was, now };
  }
  return undefined;
}
