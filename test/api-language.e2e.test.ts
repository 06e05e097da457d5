import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import test from 'ava';
import { parseEndpoints } from '../src/core/endpoint.js';
import { useLanguage } from '../src/i18n/messages.js';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY } from '../src/emulator/index.js';
import { createSdkApi } from '../src/services/sdk-api.js';
import { startTestEmulator } from './helpers/emulator-kit.js';
import { cliEnv } from './helpers/engine-kit.js';
import { runCli } from './helpers/run-cli.js';

const DEMO = { secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY };

/** A bare HTTP server that keeps each request's headers and answers like the API. */
async function rawServer(): Promise<{ url: string; headers: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const headers: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    headers.push(request.headers);
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ Response: { RequestId: 'r-1', Instances: [], TotalCount: 0 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    headers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// The language is per process; these tests change it, so they run one after the other.
test.afterEach.always(() => useLanguage('en'));

for (const [lang, header] of [['zh-CN', 'zh-CN'], ['en', 'en-US']] as const) {
  test.serial(`a ${lang} run's requests carry X-TC-Language: ${header} (the real SDK, over HTTP)`, async (t) => {
    const server = await rawServer();
    await useLanguage(lang);
    const api = await createSdkApi(parseEndpoints([server.url]), DEMO);
    try {
      const outcome = await api.call('tcr', 'DescribeInstances', 'ap-guangzhou', {});
      t.true(outcome.ok);
      t.is(server.headers.length, 1);
      t.is(server.headers[0]?.['x-tc-language'], header);
      t.is(server.headers[0]?.['x-tc-action'], 'DescribeInstances');
    } finally {
      await api.close();
      await server.close();
    }
  });
}

test.serial('the emulator answers a zh-CN request in Chinese and an en-US one in English, the code unchanged', async (t) => {
  const emulator = await startTestEmulator();
  const ask = async (language: 'zh-CN' | 'en-US') => {
    const api = await createSdkApi(parseEndpoints([emulator.url]), DEMO, { language });
    try {
      return await api.call('tcr', 'DescribeNamespaces', 'ap-guangzhou', { RegistryId: 'tcr-nosuchreg' });
    } finally {
      await api.close();
    }
  };
  try {
    const [zh, en] = [await ask('zh-CN'), await ask('en-US')];
    t.false(zh.ok);
    t.false(en.ok);
    if (zh.ok || en.ok) return;
    t.is(zh.code, 'ResourceNotFound');
    t.is(en.code, 'ResourceNotFound');
    t.regex(zh.message, /^资源不存在。（The registry tcr-nosuchreg does not exist in region ap-guangzhou\.）$/);
    t.is(en.message, 'The registry tcr-nosuchreg does not exist in region ap-guangzhou.');
  } finally {
    await emulator.close();
  }
});

test.serial('LANG=zh_CN.UTF-8: the built CLI asks the API for Chinese (the emulator logs the request, the message shown is Chinese)', async (t) => {
  const emulator = await startTestEmulator();
  try {
    const run = await runCli(
      ['create', '--registry-id', 'tcr-nosuchreg', '--namespace', 'ns1', '--name', 'ns1-signing', '--kms-id', '6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3',
        '--kms-region', 'ap-guangzhou', '--region', 'ap-guangzhou', '--endpoint', emulator.url, '--yes', '--no-preflight'],
      { env: { ...(cliEnv('/nonexistent') as Record<string, string>), TENCENTCLOUD_SECRET_ID: DEMO_SECRET_ID, TENCENTCLOUD_SECRET_KEY: DEMO_SECRET_KEY, LANG: 'zh_CN.UTF-8' } },
    );
    t.is(run.code, 1, run.stderr);
    t.true(`${run.stdout}${run.stderr}`.includes('资源不存在。'), `${run.stdout}${run.stderr}`);
    t.true(emulator.state.recentRequests().some((r) => r.action === 'CreateSignaturePolicy' && r.outcome === 'ResourceNotFound'));
  } finally {
    await emulator.close();
  }
});
