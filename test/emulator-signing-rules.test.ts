// The emulator's signature checks against an independent signer written from the public TC3-HMAC-SHA256
// description (nothing from src/ signs here): requests go over real HTTP, so the verifier reads the
// headers as node:http hands them over, in whatever case and with whatever port the client sent.
import test from 'ava';
import { createHash, createHmac } from 'node:crypto';
import { Client as KmsClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/kms/v20190118/kms_client.js';
import { Client as TcrClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tcr/v20190924/tcr_client.js';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY, type EmulatorHandle } from '../src/emulator/index.js';
import { envelopeOf, rawRequest, startTestEmulator } from './helpers/emulator-kit.js';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();

interface DocSigned {
  readonly canonicalRequest: string;
  readonly authorization: string;
}

/**
 * The documented steps: canonical headers with names and values lower-cased and trimmed, sorted by name,
 * each ending in a newline; SignedHeaders the same names joined by `;`; scope `date/service/tc3_request`.
 */
function docSign(o: {
  readonly secretId: string;
  readonly secretKey: string;
  readonly service: string;
  readonly timestamp: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}): DocSigned {
  const entries = Object.entries(o.headers)
    .map(([name, value]) => [name.trim().toLowerCase(), value.trim().toLowerCase()] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const signedHeaders = entries.map(([name]) => name).join(';');
  const canonicalRequest = ['POST', '/', '', entries.map(([n, v]) => `${n}:${v}\n`).join(''), signedHeaders, sha256(o.body)].join('\n');
  const date = new Date(o.timestamp * 1000).toISOString().slice(0, 10);
  const scope = `${date}/${o.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(o.timestamp), scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(`TC3${o.secretKey}`, date), o.service), 'tc3_request');
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  return { canonicalRequest, authorization: `TC3-HMAC-SHA256 Credential=${o.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}` };
}

// The official worked example, signing content-type, host and x-tc-action (the body keeps its \u escapes).
const EXAMPLE = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  service: 'cvm',
  timestamp: 1551113065,
  body: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
};
const EXAMPLE_CANONICAL_HASH = '7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84';

test('the documented worked example, sent over HTTP, is verified from the headers as received', async (t) => {
  // The example's 2019 timestamp and key pair: an emulator that accepts both.
  const emulator = await startTestEmulator({ credentials: [EXAMPLE], maxSkewSeconds: Infinity });
  t.teardown(() => emulator.close());
  const sent = { 'Content-Type': 'application/json; charset=utf-8', Host: 'cvm.tencentcloudapi.com', 'X-TC-Action': 'DescribeInstances' };
  const signed = docSign({ ...EXAMPLE, headers: sent });
  t.is(sha256(signed.canonicalRequest), EXAMPLE_CANONICAL_HASH, 'the test signer reproduces the documented hash');
  t.true(signed.canonicalRequest.includes('\nx-tc-action:describeinstances\n'));
  const headers = { ...sent, 'X-TC-Timestamp': String(EXAMPLE.timestamp), 'X-TC-Version': '2017-03-12', 'X-TC-Region': 'ap-guangzhou' };

  const accepted = envelopeOf(await rawRequest(emulator.port, 'POST', { ...headers, Authorization: signed.authorization }, EXAMPLE.body));
  t.is(accepted.code, 'NoSuchVersion', 'past the signature: only the CVM version is unknown to a TCR endpoint');

  const spoiled = signed.authorization.replace(/Signature=(.)/, (_, c: string) => `Signature=${c === '0' ? '1' : '0'}`);
  const refused = envelopeOf(await rawRequest(emulator.port, 'POST', { ...headers, Authorization: spoiled }, EXAMPLE.body));
  t.is(refused.code, 'AuthFailure.SignatureFailure');
  t.true(refused.message.includes(EXAMPLE_CANONICAL_HASH), 'the verifier built the documented canonical request from the wire');
});

let emulator: EmulatorHandle;
test.before(async () => {
  emulator = await startTestEmulator();
});
test.after.always(() => emulator.close());

const BODY = '{}';
const now = (): number => Math.floor(Date.now() / 1000);

/** Headers of a DescribeRegions call, in the mixed case clients send them. */
function common(timestamp: number, contentType = 'application/json; charset=UTF-8'): Record<string, string> {
  return {
    'Content-Type': contentType,
    Host: `127.0.0.1:${emulator.port}`,
    'X-TC-Action': 'DescribeRegions',
    'X-TC-Version': '2019-09-24',
    'X-TC-Region': 'ap-guangzhou',
    'X-TC-Timestamp': String(timestamp),
  };
}

/** Signs the named headers of `headers`, the host as `signedHost`, and sends the request. */
async function send(headers: Record<string, string>, signed: readonly string[], o: { service?: string; signedHost?: string; secretKey?: string } = {}) {
  const picked = Object.fromEntries(Object.entries(headers).filter(([name]) => signed.includes(name.toLowerCase())));
  if (o.signedHost !== undefined) picked['Host'] = o.signedHost;
  const { authorization } = docSign({
    secretId: DEMO_SECRET_ID,
    secretKey: o.secretKey ?? DEMO_SECRET_KEY,
    service: o.service ?? 'tcr',
    timestamp: Number(headers['X-TC-Timestamp']),
    headers: picked,
    body: BODY,
  });
  return envelopeOf(await rawRequest(emulator.port, 'POST', { ...headers, Authorization: authorization }, BODY));
}

const headerSets: ReadonlyArray<readonly string[]> = [
  ['content-type', 'host'],
  ['content-type', 'host', 'x-tc-action'],
  ['content-type', 'host', 'x-tc-action', 'x-tc-timestamp', 'x-tc-region'],
  ['content-type', 'host', 'x-tc-action', 'x-tc-region', 'x-tc-timestamp', 'x-tc-version'],
];
for (const set of headerSets) {
  test(`signed ${set.join(';')} with lower-cased values: accepted, host signed with or without its port`, async (t) => {
    const headers = common(now());
    t.is((await send(headers, set, { signedHost: '127.0.0.1' })).code, '');
    t.is((await send(headers, set, { signedHost: `127.0.0.1:${emulator.port}` })).code, '');
  });
}

test('a signed header changed after signing, or a wrong key, is AuthFailure.SignatureFailure', async (t) => {
  const headers = common(now());
  const signedAction = ['content-type', 'host', 'x-tc-action'];
  const { authorization } = docSign({
    secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY, service: 'tcr', timestamp: now(), body: BODY,
    headers: { 'Content-Type': headers['Content-Type'] ?? '', Host: '127.0.0.1', 'X-TC-Action': 'DescribeInstances' },
  });
  const changed = envelopeOf(await rawRequest(emulator.port, 'POST', { ...headers, Authorization: authorization }, BODY));
  t.is(changed.code, 'AuthFailure.SignatureFailure');
  t.is((await send(headers, signedAction, { secretKey: 'not-the-key' })).code, 'AuthFailure.SignatureFailure');
});

test('a signed set without host or without content-type is AuthFailure.InvalidAuthorization', async (t) => {
  const headers = common(now());
  t.is((await send(headers, ['content-type', 'x-tc-action'])).code, 'AuthFailure.InvalidAuthorization');
  t.is((await send(headers, ['host', 'x-tc-action'])).code, 'AuthFailure.InvalidAuthorization');
});

test('the scope service may be tcr, kms, any label of the host, or host:port as the SDK derives it', async (t) => {
  const headers = { ...common(now()), Host: `localhost:${emulator.port}` };
  for (const service of ['tcr', 'kms', 'localhost', `localhost:${emulator.port}`]) {
    t.is((await send(headers, ['content-type', 'host'], { service, signedHost: 'localhost' })).code, '', service);
  }
  const cvm = await send(headers, ['content-type', 'host'], { service: 'cvm', signedHost: 'localhost' });
  t.is(cvm.code, 'AuthFailure.SignatureFailure');
  t.regex(cvm.message, /service "cvm"/);
});

test('the Node SDK pointed at localhost:PORT (service "localhost:PORT" in its scope) is answered', async (t) => {
  const config = {
    credential: { secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY },
    region: 'ap-guangzhou',
    profile: { httpProfile: { endpoint: `localhost:${emulator.port}`, protocol: 'http://', reqTimeout: 5 } },
  };
  const regions = await new TcrClient(config).DescribeRegions();
  t.true((regions.Regions ?? []).some((r) => r.RegionName === 'ap-guangzhou'));
  const keys = await new KmsClient(config).ListKeyDetail({});
  t.true((keys.KeyMetadatas ?? []).length > 0);
  const last = emulator.state.recentRequests().at(-1);
  t.is(last?.outcome, 'ok');
});
