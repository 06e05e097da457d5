import test from 'ava';
import { sha256Hex, signTc3 } from '../src/emulator/tc3-signature.js';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY, resolveCredentials, type EmulatorHandle } from '../src/emulator/index.js';
import {
  UUID,
  envelopeOf,
  failureOf,
  rawRequest,
  signedHeaders,
  startTestEmulator,
  tcrClient,
} from './helpers/emulator-kit.js';

let emulator: EmulatorHandle;
const logLines: string[] = [];

test.before(async () => {
  emulator = await startTestEmulator({ log: (line) => logLines.push(line) });
});
test.after.always(async () => {
  await emulator.close();
});

const BODY = '{}';

test('a correctly signed SDK call succeeds with a fresh UUID RequestId each time', async (t) => {
  const client = tcrClient(emulator);
  const first = await client.DescribeRegions();
  const second = await client.DescribeRegions();
  t.regex(first.RequestId ?? '', UUID);
  t.regex(second.RequestId ?? '', UUID);
  t.not(first.RequestId, second.RequestId);
});

test('a wrong secret key is AuthFailure.SignatureFailure', async (t) => {
  const failure = await failureOf(tcrClient(emulator, { secretKey: 'not-the-key' }).DescribeRegions());
  t.is(failure.code, 'AuthFailure.SignatureFailure');
  t.regex(failure.requestId, UUID);
});

test('an unknown SecretId is AuthFailure.SecretIdNotFound', async (t) => {
  const failure = await failureOf(tcrClient(emulator, { secretId: 'AKIDunknown' }).DescribeRegions());
  t.is(failure.code, 'AuthFailure.SecretIdNotFound');
});

test('a session token is accepted without being checked', async (t) => {
  const answer = await tcrClient(emulator, { token: 'any-session-token' }).DescribeRegions();
  t.regex(answer.RequestId ?? '', UUID);
});

test('more than 5 minutes of clock skew is AuthFailure.SignatureExpire, less is fine', async (t) => {
  const now = Math.floor(Date.now() / 1000);
  const stale = await rawRequest(emulator.port, 'POST', signedHeaders(BODY, { port: emulator.port, timestamp: now - 400 }), BODY);
  t.is(envelopeOf(stale).code, 'AuthFailure.SignatureExpire');
  const ahead = await rawRequest(emulator.port, 'POST', signedHeaders(BODY, { port: emulator.port, timestamp: now + 400 }), BODY);
  t.is(envelopeOf(ahead).code, 'AuthFailure.SignatureExpire');
  const slight = await rawRequest(emulator.port, 'POST', signedHeaders(BODY, { port: emulator.port, timestamp: now - 200 }), BODY);
  t.is(envelopeOf(slight).code, '');
});

test('a body changed after signing is AuthFailure.SignatureFailure (the payload hash covers the raw body)', async (t) => {
  const headers = signedHeaders('{}', { port: emulator.port });
  const answer = await rawRequest(emulator.port, 'POST', headers, '{ }');
  t.is(answer.status, 200);
  t.is(envelopeOf(answer).code, 'AuthFailure.SignatureFailure');
});

test('the scope service may be tcr, kms or the first label of the host, nothing else', async (t) => {
  for (const service of ['tcr', 'kms', '127']) {
    const answer = await rawRequest(emulator.port, 'POST', signedHeaders(BODY, { port: emulator.port, service }), BODY);
    t.is(envelopeOf(answer).code, '', service);
  }
  const cvm = await rawRequest(emulator.port, 'POST', signedHeaders(BODY, { port: emulator.port, service: 'cvm' }), BODY);
  t.is(envelopeOf(cvm).code, 'AuthFailure.SignatureFailure');
});

const badAuthorizations: Array<[string, (h: Record<string, string>) => void]> = [
  ['missing', (h) => delete h['Authorization']],
  ['not TC3', (h) => (h['Authorization'] = 'Basic dXNlcjpwYXNz')],
  ['without Signature', (h) => (h['Authorization'] = (h['Authorization'] ?? '').replace(/, Signature=.*$/, ''))],
  ['host not signed', (h) => (h['Authorization'] = (h['Authorization'] ?? '').replace('SignedHeaders=content-type;host', 'SignedHeaders=content-type'))],
  ['content-type not signed', (h) => (h['Authorization'] = (h['Authorization'] ?? '').replace('SignedHeaders=content-type;host', 'SignedHeaders=host'))],
];
for (const [name, spoil] of badAuthorizations) {
  test(`an Authorization header ${name} is AuthFailure.InvalidAuthorization`, async (t) => {
    const headers = signedHeaders(BODY, { port: emulator.port });
    spoil(headers);
    const answer = await rawRequest(emulator.port, 'POST', headers, BODY);
    t.is(answer.status, 200);
    t.is(envelopeOf(answer).code, 'AuthFailure.InvalidAuthorization');
    t.regex(envelopeOf(answer).requestId, UUID);
  });
}

test('a credential date other than the UTC date of X-TC-Timestamp is refused', async (t) => {
  const headers = signedHeaders(BODY, { port: emulator.port });
  const today = /\/(\d{4}-\d{2}-\d{2})\//.exec(headers['Authorization'] ?? '')?.[1] ?? '';
  headers['Authorization'] = (headers['Authorization'] ?? '').replace(`/${today}/`, '/2019-02-25/');
  const answer = await rawRequest(emulator.port, 'POST', headers, BODY);
  t.is(envelopeOf(answer).code, 'AuthFailure.SignatureFailure');
  t.regex(envelopeOf(answer).message, /UTC date/);
});

test('a value signed in the documented lower case verifies against the header as sent in mixed case', async (t) => {
  const timestamp = Math.floor(Date.now() / 1000);
  const signed = signTc3({
    secretId: DEMO_SECRET_ID,
    secretKey: DEMO_SECRET_KEY,
    service: 'tcr',
    timestamp,
    request: {
      method: 'POST',
      path: '/',
      query: '',
      headers: [['content-type', 'application/json; charset=utf-8'], ['host', '127.0.0.1'], ['x-tc-action', 'describeregions']],
      payloadHash: sha256Hex(BODY),
    },
  });
  const headers: Record<string, string> = {
    ...signedHeaders(BODY, { port: emulator.port, timestamp, contentType: 'application/json; charset=utf-8' }),
    Authorization: signed.authorization,
  };
  t.is(envelopeOf(await rawRequest(emulator.port, 'POST', headers, BODY)).code, '');
  headers['X-TC-Action'] = 'DescribeInstances'; // a signed header changed after signing
  t.is(envelopeOf(await rawRequest(emulator.port, 'POST', headers, BODY)).code, 'AuthFailure.SignatureFailure');
});

test('the secret key never appears in the log or the recorded requests', async (t) => {
  await tcrClient(emulator).DescribeRegions();
  await failureOf(tcrClient(emulator, { secretKey: 'wrong' }).DescribeRegions());
  t.true(logLines.length >= 2);
  t.false(logLines.join('\n').includes(DEMO_SECRET_KEY));
  t.false(JSON.stringify(emulator.state.recentRequests()).includes(DEMO_SECRET_KEY));
});

test('credentials come from TENCENTCLOUD_SECRET_ID/KEY when both are set, else the demo pair', (t) => {
  const fromEnv = resolveCredentials({ TENCENTCLOUD_SECRET_ID: 'AKIDmine', TENCENTCLOUD_SECRET_KEY: 'secret' });
  t.deepEqual(fromEnv, { credentials: [{ secretId: 'AKIDmine', secretKey: 'secret' }], source: 'environment' });
  const halfSet = resolveCredentials({ TENCENTCLOUD_SECRET_ID: 'AKIDmine' });
  t.is(halfSet.source, 'demo');
  t.deepEqual(resolveCredentials({}).credentials, [{ secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY }]);
});
