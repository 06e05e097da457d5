import test from 'ava';
import { DEFAULT_ENDPOINT, parseEndpoint, type Endpoint } from '../src/core/endpoint.js';
import { UsageError } from '../src/core/errors.js';

const accepted: readonly (readonly [string, Endpoint])[] = [
  [DEFAULT_ENDPOINT, { url: 'https://tcr.tencentcloudapi.com', protocol: 'https://', host: 'tcr.tencentcloudapi.com', loopback: false }],
  ['tcr.tencentcloudapi.com', { url: 'https://tcr.tencentcloudapi.com', protocol: 'https://', host: 'tcr.tencentcloudapi.com', loopback: false }],
  ['https://tcr.tencentcloudapi.com/', { url: 'https://tcr.tencentcloudapi.com', protocol: 'https://', host: 'tcr.tencentcloudapi.com', loopback: false }],
  ['HTTPS://TCR.TencentCloudAPI.com', { url: 'https://tcr.tencentcloudapi.com', protocol: 'https://', host: 'tcr.tencentcloudapi.com', loopback: false }],
  ['https://tcr.intl.tencentcloudapi.com', { url: 'https://tcr.intl.tencentcloudapi.com', protocol: 'https://', host: 'tcr.intl.tencentcloudapi.com', loopback: false }],
  ['https://tcr.ap-guangzhou.tencentcloudapi.com:443', { url: 'https://tcr.ap-guangzhou.tencentcloudapi.com', protocol: 'https://', host: 'tcr.ap-guangzhou.tencentcloudapi.com', loopback: false }],
  ['http://127.0.0.1:9500', { url: 'http://127.0.0.1:9500', protocol: 'http://', host: '127.0.0.1:9500', loopback: true }],
  ['http://127.0.0.1:9500/', { url: 'http://127.0.0.1:9500', protocol: 'http://', host: '127.0.0.1:9500', loopback: true }],
  ['http://127.9.9.9:9500', { url: 'http://127.9.9.9:9500', protocol: 'http://', host: '127.9.9.9:9500', loopback: true }],
  ['http://localhost:9500', { url: 'http://localhost:9500', protocol: 'http://', host: 'localhost:9500', loopback: true }],
  ['http://[::1]:9500', { url: 'http://[::1]:9500', protocol: 'http://', host: '[::1]:9500', loopback: true }],
  ['https://127.0.0.1:9443', { url: 'https://127.0.0.1:9443', protocol: 'https://', host: '127.0.0.1:9443', loopback: true }],
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
