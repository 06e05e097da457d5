import test from 'ava';
import { DEFAULT_ENDPOINT, movedEndpoint, parseEndpoint, parseEndpoints, type Endpoint } from '../src/core/endpoint.js';
import { UsageError } from '../src/core/errors.js';

const accepted: readonly (readonly [string, Endpoint])[] = [
  [DEFAULT_ENDPOINT, { url: 'https://tcr.tencentcloudapi.com', protocol: 'https://', host: 'tcr.tencentcloudapi.com' }],
  ['tcr.tencentcloudapi.com', { url: 'https://tcr.tencentcloudapi.com', protocol: 'https://', host: 'tcr.tencentcloudapi.com' }],
  ['https://tcr.tencentcloudapi.com/', { url: 'https://tcr.tencentcloudapi.com', protocol: 'https://', host: 'tcr.tencentcloudapi.com' }],
  ['HTTPS://TCR.TencentCloudAPI.com', { url: 'https://tcr.tencentcloudapi.com', protocol: 'https://', host: 'tcr.tencentcloudapi.com' }],
  ['https://tcr.intl.tencentcloudapi.com', { url: 'https://tcr.intl.tencentcloudapi.com', protocol: 'https://', host: 'tcr.intl.tencentcloudapi.com' }],
  ['https://tcr.ap-guangzhou.tencentcloudapi.com:443', { url: 'https://tcr.ap-guangzhou.tencentcloudapi.com', protocol: 'https://', host: 'tcr.ap-guangzhou.tencentcloudapi.com' }],
  ['http://127.0.0.1:9500', { url: 'http://127.0.0.1:9500', protocol: 'http://', host: '127.0.0.1:9500' }],
  ['http://127.0.0.1:9500/', { url: 'http://127.0.0.1:9500', protocol: 'http://', host: '127.0.0.1:9500' }],
  ['http://127.9.9.9:9500', { url: 'http://127.9.9.9:9500', protocol: 'http://', host: '127.9.9.9:9500' }],
  ['http://localhost:9500', { url: 'http://localhost:9500', protocol: 'http://', host: 'localhost:9500' }],
  ['http://[::1]:9500', { url: 'http://[::1]:9500', protocol: 'http://', host: '[::1]:9500' }],
  ['https://127.0.0.1:9443', { url: 'https://127.0.0.1:9443', protocol: 'https://', host: '127.0.0.1:9443' }],
];

for (const [text, endpoint] of accepted) {
  test(`--endpoint ${text} is accepted`, (t) => {
    t.deepEqual(parseEndpoint(text), endpoint);
  });
}

const refused: readonly (readonly [string, RegExp])[] = [
  ['http://tcr.tencentcloudapi.com', /only https, or plain http to a loopback address/],
  ['http://127.0.0.1.example.com:9500', /only https, or plain http to a loopback address/],
  ['http://localhost.example.com', /only https/],
  ['http://0.0.0.0:9500', /only https/],
  ['http://10.0.0.1:9500', /only https/],
  ['ftp://tcr.tencentcloudapi.com', /only https/],
  ['https://tcr.tencentcloudapi.com/v3', /scheme and host only/],
  ['https://tcr.tencentcloudapi.com?Action=x', /scheme and host only/],
  ['https://user:pass@tcr.tencentcloudapi.com', /scheme and host only/],
  ['', /is not a URL/],
  ['http://', /is not a URL/],
  ['not a url', /is not a URL/],
];

for (const [text, why] of refused) {
  test(`--endpoint ${JSON.stringify(text)} is a usage error with a hint`, (t) => {
    const error = t.throws(() => parseEndpoint(text), { instanceOf: UsageError }) as UsageError | undefined;
    t.regex(error?.message ?? '', why);
    t.true(error?.message.includes(`'${text}'`), 'the message quotes what was given');
    t.regex(error?.hint ?? '', /https:\/\/tcr\.tencentcloudapi\.com/);
  });
}

test('--endpoint with {region}: each region gets its own host, the default is the public endpoint', (t) => {
  t.is(parseEndpoints([]).forRegion('ap-guangzhou').url, DEFAULT_ENDPOINT);
  const perRegion = parseEndpoints(['https://tcr.{region}.tencentcloudapi.com']);
  t.is(perRegion.forRegion('ap-guangzhou').host, 'tcr.ap-guangzhou.tencentcloudapi.com');
  t.is(perRegion.forRegion('ap-shanghai').host, 'tcr.ap-shanghai.tencentcloudapi.com');
  t.is(perRegion.url, 'https://tcr.{region}.tencentcloudapi.com');
});

test('--endpoint REGION=URL, repeatable: that region goes there, the others to the plain one', (t) => {
  const endpoints = parseEndpoints(['ap-guangzhou=http://127.0.0.1:9501', 'ap-shanghai=http://127.0.0.1:9502', 'http://127.0.0.1:9500']);
  t.is(endpoints.forRegion('ap-guangzhou').url, 'http://127.0.0.1:9501');
  t.is(endpoints.forRegion('ap-shanghai').url, 'http://127.0.0.1:9502');
  t.is(endpoints.forRegion('ap-singapore').url, 'http://127.0.0.1:9500');
  t.deepEqual(endpoints.given, ['ap-guangzhou=http://127.0.0.1:9501', 'ap-shanghai=http://127.0.0.1:9502', 'http://127.0.0.1:9500']);
});

const refusedForms: readonly (readonly [string[], RegExp])[] = [
  [['ap-nowhere=http://127.0.0.1:9500'], /ap-nowhere is an unknown region/],
  [['ap-guangzhou=http://127.0.0.1:1', 'ap-guangzhou=http://127.0.0.1:2'], /names ap-guangzhou twice/],
  [['http://127.0.0.1:1', 'http://127.0.0.1:2'], /given twice without a region/],
  [['http://tcr.{region}.example.com'], /only https/],
  [['ap-guangzhou=https://x/{region}/path'], /scheme and host only/],
];
for (const [texts, message] of refusedForms) {
  test(`--endpoint ${texts.join(' ')} is a usage error`, (t) => {
    t.throws(() => parseEndpoints(texts), { instanceOf: UsageError, message });
  });
}

test('movedEndpoint: the first region an earlier run sent elsewhere than these endpoints would, region by region', (t) => {
  const recorded = ['ap-shanghai=http://127.0.0.1:9600', 'http://127.0.0.1:9500'];
  t.deepEqual(movedEndpoint(recorded, parseEndpoints([]), ['ap-guangzhou']), { region: 'ap-guangzhou', was: 'http://127.0.0.1:9500', now: DEFAULT_ENDPOINT });
  t.is(movedEndpoint(recorded, parseEndpoints(['http://127.0.0.1:9500']), ['ap-guangzhou']), undefined, 'the Guangzhou rows go where they went');
  t.like(movedEndpoint(recorded, parseEndpoints(['http://127.0.0.1:9500']), ['ap-guangzhou', 'ap-shanghai']), { region: 'ap-shanghai', was: 'http://127.0.0.1:9600' });
  t.is(movedEndpoint([], parseEndpoints([DEFAULT_ENDPOINT]), ['ap-guangzhou']), undefined, 'no --endpoint then, the public one now');
  t.is(movedEndpoint(['https://tcr.{region}.tencentcloudapi.com'], parseEndpoints(['https://tcr.{region}.tencentcloudapi.com']), ['ap-tokyo']), undefined);
});
