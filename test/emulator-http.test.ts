import test from 'ava';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { EmulatorHandle } from '../src/emulator/index.js';
import { GZ_REGISTRY, UUID, envelopeOf, rawRequest, signedHeaders, startTestEmulator, tcrClient } from './helpers/emulator-kit.js';

let emulator: EmulatorHandle;

test.before(async () => {
  emulator = await startTestEmulator({ headersTimeoutMs: 300, requestTimeoutMs: 600, requestLogSize: 50 });
});
test.after.always(async () => {
  await emulator.close();
});

/** Fails the test instead of hanging when the server never does what is awaited. */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

async function stillServing(t: { regex: (s: string, r: RegExp) => void }): Promise<void> {
  const answer = await tcrClient(emulator).DescribeNamespaces({ RegistryId: GZ_REGISTRY, Limit: 1 });
  t.regex(answer.RequestId ?? '', UUID);
}

const badBodies: Array<[string, string, RegExp]> = [
  ['a non-JSON body', 'RegistryId=tcr-ab12cd34', /not valid JSON/],
  ['a JSON array', '[1,2]', /JSON object/],
  ['a JSON string', '"hello"', /JSON object/],
];
for (const [what, body, message] of badBodies) {
  test(`${what}, correctly signed, is InvalidParameter in the envelope with a RequestId`, async (t) => {
    const headers = signedHeaders(body, { port: emulator.port, action: 'DescribeNamespaces' });
    const answer = await rawRequest(emulator.port, 'POST', headers, body);
    t.is(answer.status, 200);
    t.is(envelopeOf(answer).code, 'InvalidParameter');
    t.regex(envelopeOf(answer).message, message);
    t.regex(envelopeOf(answer).requestId, UUID);
    await stillServing(t);
  });
}

test('a wrong content type is InvalidParameter naming the content type', async (t) => {
  const headers = signedHeaders('{}', { port: emulator.port, contentType: 'text/plain' });
  const answer = await rawRequest(emulator.port, 'POST', headers, '{}');
  t.is(envelopeOf(answer).code, 'InvalidParameter');
  t.regex(envelopeOf(answer).message, /text\/plain/);
});

test('a method other than POST is UnsupportedProtocol', async (t) => {
  const answer = await rawRequest(emulator.port, 'GET', signedHeaders('', { port: emulator.port }));
  t.is(envelopeOf(answer).code, 'UnsupportedProtocol');
});

test('a declared body over 1 MiB is answered RequestSizeLimitExceeded without being read, and the connection closed', async (t) => {
  const answer = await within(10_000, new Promise<{ text: string; connection: string | undefined }>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: emulator.port, method: 'POST', path: '/', agent: false,
        headers: { ...signedHeaders('{}', { port: emulator.port }), 'Content-Length': String(2 * 1024 * 1024) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), connection: res.headers.connection }));
      },
    );
    req.on('error', (error) => (req.writableEnded ? undefined : reject(error)));
    req.write(Buffer.alloc(1024, 0x20)); // and then nothing more: the answer must not wait for the rest
  }), 'oversized answer');
  t.is(envelopeOf({ status: 200, headers: {}, text: answer.text }).code, 'RequestSizeLimitExceeded');
  t.is(answer.connection, 'close');
  await stillServing(t);
});

test('a streamed body growing past 1 MiB is refused (answered or cut off) before it ends', async (t) => {
  const outcome = await within(10_000, new Promise<string>((resolve) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: emulator.port, method: 'POST', path: '/', agent: false,
        headers: { ...signedHeaders('{}', { port: emulator.port }), 'Transfer-Encoding': 'chunked' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(envelopeOf({ status: 200, headers: {}, text: Buffer.concat(chunks).toString('utf8') }).code));
      },
    );
    req.on('error', () => resolve('cut off'));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      // Up to 8 MiB, then end: a server reading without limit would answer only after the end.
      while (sent < 8 * 1024 * 1024) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  }), 'streamed oversize');
  t.log(outcome);
  t.true(outcome === 'RequestSizeLimitExceeded' || outcome === 'cut off', outcome);
  await stillServing(t);
});

test('a client that never finishes its headers is cut off after the headers timeout', async (t) => {
  const received = await within(10_000, new Promise<string>((resolve) => {
    const socket = connect(emulator.port, '127.0.0.1', () => socket.write('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(data));
  }), 'slow headers');
  t.log(JSON.stringify(received));
  t.true(received === '' || received.startsWith('HTTP/1.1 408'), received);
  await stillServing(t);
});

test('a client that stalls in its body is cut off after the request timeout', async (t) => {
  const received = await within(10_000, new Promise<string>((resolve) => {
    const headers = signedHeaders('{"RegistryId":"x"}', { port: emulator.port });
    const head = Object.entries({ ...headers, 'Content-Length': '18' }).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    const socket = connect(emulator.port, '127.0.0.1', () => socket.write(`POST / HTTP/1.1\r\n${head}\r\n{"Regi`));
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(data));
  }), 'slow body');
  t.false(received.includes('"RequestId"'), 'no API answer for a request that never arrived whole');
  await stillServing(t);
});

test('garbage instead of HTTP gets 400 and a closed connection', async (t) => {
  const received = await within(10_000, new Promise<string>((resolve) => {
    const socket = connect(emulator.port, '127.0.0.1', () => socket.write('HELLO THERE\r\n\r\n'));
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(data));
  }), 'garbage');
  t.regex(received, /^HTTP\/1\.1 400/);
  await stillServing(t);
});

test('the request log keeps the raw body text exactly as the SDK sent it', async (t) => {
  const request = { RegistryId: GZ_REGISTRY, NamespaceName: 'data.ingest', Limit: 5, KmsSignPolicy: false };
  const answer = await tcrClient(emulator).DescribeNamespaces(request);
  const entry = emulator.state.recentRequests().find((e) => e.requestId === answer.RequestId);
  t.is(entry?.body, JSON.stringify(request));
  t.like(entry, { action: 'DescribeNamespaces', region: 'ap-guangzhou', status: 200, outcome: 'ok', bodyTruncated: false });
});

test('the request log is bounded to its size, newest last', async (t) => {
  const small = await startTestEmulator({ requestLogSize: 3 });
  t.teardown(() => small.close());
  for (let i = 0; i < 5; i += 1) await tcrClient(small).DescribeNamespaces({ RegistryId: GZ_REGISTRY, Offset: i });
  const entries = small.state.recentRequests();
  t.deepEqual(entries.map((e) => e.seq), [3, 4, 5]);
  t.deepEqual(entries.map((e) => (JSON.parse(e.body) as { Offset: number }).Offset), [2, 3, 4]);
  t.is(small.state.actionCounts()['DescribeNamespaces']?.requests, 5);
});
