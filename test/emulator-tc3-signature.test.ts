import test from 'ava';
// The SDK is CommonJS compiled from ES modules: its class sits on the default export's `default`.
import Sign from 'tencentcloud-sdk-nodejs/tencentcloud/common/sign.js';
import {
  buildCanonicalRequest,
  hostWithoutPort,
  parseTc3Authorization,
  sha256Hex,
  signTc3,
  utcDateOf,
} from '../src/emulator/tc3-signature.js';

// The worked example of the TencentCloud API 3.0 signature documentation; the body keeps its literal \u escapes.
const EXAMPLE_BODY = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
const EXAMPLE = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  service: 'cvm',
  timestamp: 1551113065,
  request: {
    method: 'POST',
    path: '/',
    query: '',
    headers: [
      ['content-type', 'application/json; charset=utf-8'],
      ['host', 'cvm.tencentcloudapi.com'],
    ] as const,
    payloadHash: sha256Hex(EXAMPLE_BODY),
  },
};

test('reproduces the signature of the official worked example', (t) => {
  const signed = signTc3(EXAMPLE);
  t.is(signed.signature, '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
  t.is(
    signed.authorization,
    'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, ' +
      'SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
  );
  t.true(signed.stringToSign.startsWith('TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n'));
});

test('the canonical request lowercases header names, trims values and leaves a blank line after the headers', (t) => {
  const canonical = buildCanonicalRequest({
    method: 'POST',
    path: '/',
    query: '',
    headers: [['Content-Type', '  application/json '], ['Host', 'tcr.tencentcloudapi.com']],
    payloadHash: 'abc',
  });
  t.is(canonical, 'POST\n/\n\ncontent-type:application/json\nhost:tcr.tencentcloudapi.com\n\ncontent-type;host\nabc');
});

test('signs exactly as the SDK does, including the host without its port', (t) => {
  const body = { RegistryId: 'tcr-ab12cd34', NamespaceName: 'payments' };
  const timestamp = 1_700_000_123;
  const sdkAuthorization = Sign.default.sign3({
    method: 'POST',
    url: 'http://127.0.0.1:9500/',
    payload: body,
    timestamp,
    service: '127',
    secretId: 'AKIDx',
    secretKey: 'key',
    multipart: false,
    boundary: '', // unused without multipart, but the SDK's typing requires it
    headers: { 'Content-Type': 'application/json' },
  });
  const ours = signTc3({
    secretId: 'AKIDx',
    secretKey: 'key',
    service: '127',
    timestamp,
    request: {
      method: 'POST',
      path: '/',
      query: '',
      headers: [['content-type', 'application/json'], ['host', hostWithoutPort('127.0.0.1:9500')]],
      payloadHash: sha256Hex(JSON.stringify(body)),
    },
  });
  t.is(ours.authorization, sdkAuthorization);
});

const hosts: Array<[string, string]> = [
  ['127.0.0.1:9500', '127.0.0.1'],
  ['tcr.tencentcloudapi.com', 'tcr.tencentcloudapi.com'],
  ['[::1]:9500', '[::1]'],
  [' localhost:80 ', 'localhost'],
];
for (const [host, expected] of hosts) {
  test(`hostWithoutPort(${JSON.stringify(host)}) is ${expected}`, (t) => {
    t.is(hostWithoutPort(host), expected);
  });
}

test('the credential date is the UTC date of the timestamp', (t) => {
  t.is(utcDateOf(1551113065), '2019-02-25');
  t.is(utcDateOf(1551139199), '2019-02-25');
  t.is(utcDateOf(1551139200), '2019-02-26');
});

test('parses a TC3 Authorization header into its parts', (t) => {
  const parsed = parseTc3Authorization(signTc3(EXAMPLE).authorization);
  t.deepEqual(parsed, {
    secretId: EXAMPLE.secretId,
    date: '2019-02-25',
    service: 'cvm',
    signedHeaders: ['content-type', 'host'],
    signature: '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
  });
});

const malformed = [
  '',
  'Bearer abc',
  'TC3-HMAC-SHA256 Credential=AKID/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host',
  'TC3-HMAC-SHA256 Credential=AKID/20190225/cvm/tc3_request, SignedHeaders=content-type;host, Signature=' + 'a'.repeat(64),
  'TC3-HMAC-SHA256 Credential=AKID/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=xyz',
  'HMAC-SHA256 Credential=AKID/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=' + 'a'.repeat(64),
];
for (const [i, header] of malformed.entries()) {
  test(`refuses malformed Authorization #${i}: ${JSON.stringify(header.slice(0, 40))}…`, (t) => {
    t.is(parseTc3Authorization(header), undefined);
  });
}
