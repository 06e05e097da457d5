import test from 'ava';
import type { ApiOutcome } from '../src/core/api-outcome.js';
import type { TcrApi } from '../src/core/tcr-api.js';
import { pacedApi, REFUSALS_TO_STOP, type TrafficOptions } from '../src/services/traffic/paced-api.js';

const ok: ApiOutcome = { ok: true, requestId: 'r' };
const fail = (code: string): ApiOutcome => ({ ok: false, code, message: code, requestId: code === 'ConnectionRefused' ? '' : `id-${code}` });

function countingApi(answer: (action: string, n: number) => ApiOutcome): TcrApi & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async call(_service, action) {
      sent.push(action);
      return answer(action, sent.length);
    },
  };
}

const traffic = (o: Partial<TrafficOptions> = {}): TrafficOptions => ({ writeRate: 20, endpointOf: (_s, region) => `http://${region}`, account: 'AKIDunit', ...o });

test('the first AuthFailure stops all traffic: later calls come back not sent with its code, whatever the action', async (t) => {
  const inner = countingApi((_a, n) => (n === 1 ? fail('AuthFailure.SignatureFailure') : ok));
  const api = pacedApi(inner, traffic());
  t.like(await api.call('tcr', 'DescribeInstances', 'ap-guangzhou', {}), { ok: false, code: 'AuthFailure.SignatureFailure' });
  const later = await Promise.all([
    api.call('kms', 'DescribeKeys', 'ap-guangzhou', {}),
    api.call('tcr', 'CreateSignaturePolicy', 'ap-shanghai', {}),
  ]);
  for (const outcome of later) t.like(outcome, { ok: false, code: 'AuthFailure.SignatureFailure', notSent: true });
  t.deepEqual(inner.sent, ['DescribeInstances'], 'one request in all');
  await api.close();
});

test(`${REFUSALS_TO_STOP} refused connections in a row stop all traffic; an answer in between resets the count`, async (t) => {
  let refuse = true;
  const inner = countingApi(() => (refuse ? fail('ConnectionRefused') : ok));
  const api = pacedApi(inner, traffic({ writeRate: 1000 }));
  for (let i = 0; i < REFUSALS_TO_STOP - 1; i++) t.like(await api.call('tcr', 'CreateSignaturePolicy', 'ap-guangzhou', {}), { code: 'ConnectionRefused' });
  refuse = false;
  t.true((await api.call('tcr', 'CreateSignaturePolicy', 'ap-guangzhou', {})).ok);
  refuse = true;
  for (let i = 0; i < REFUSALS_TO_STOP; i++) await api.call('tcr', 'CreateSignaturePolicy', 'ap-guangzhou', {});
  t.like(await api.call('tcr', 'DescribeNamespaces', 'ap-guangzhou', {}), { code: 'ConnectionRefused', notSent: true });
  t.is(inner.sent.length, 2 * REFUSALS_TO_STOP);
  await api.close();
});

for (const code of ['HostNotFound', 'TlsFailure']) {
  test(`${code} stops all traffic at the first: that call and every later one come back not sent`, async (t) => {
    const inner = countingApi(() => fail(code));
    const api = pacedApi(inner, traffic({ writeRate: 1000 }));
    t.like(await api.call('tcr', 'DescribeInstances', 'ap-guangzhou', {}), { ok: false, code, notSent: true });
    t.like(await api.call('tcr', 'CreateSignaturePolicy', 'ap-shanghai', {}), { ok: false, code, notSent: true });
    t.deepEqual(inner.sent, ['DescribeInstances'], 'one request in all');
    await api.close();
  });
}

test('one lane per endpoint and action: the writes at --rate, reads at their documented limits', async (t) => {
  const api = pacedApi(countingApi(() => ok), traffic({ writeRate: 7 }));
  await Promise.all([
    api.call('tcr', 'CreateSignaturePolicy', 'ap-guangzhou', {}),
    api.call('tcr', 'CreateSignaturePolicy', 'ap-shanghai', {}),
    api.call('tcr', 'DescribeNamespaces', 'ap-guangzhou', {}),
    api.call('kms', 'DescribeKeys', 'ap-guangzhou', {}),
  ]);
  t.deepEqual([...api.lanes.keys()].sort(), [
    'http://ap-guangzhou CreateSignaturePolicy', 'http://ap-guangzhou DescribeKeys', 'http://ap-guangzhou DescribeNamespaces', 'http://ap-shanghai CreateSignaturePolicy',
  ]);
  t.is(api.lanes.get('http://ap-guangzhou CreateSignaturePolicy')?.rate, 7);
  t.is(api.lanes.get('http://ap-guangzhou DescribeNamespaces')?.rate, 100);
  await api.close();
});

test('beforeSend runs when the turn has come and can keep the request from leaving', async (t) => {
  const inner = countingApi(() => ok);
  const api = pacedApi(inner, traffic());
  t.like(await api.call('tcr', 'CreateSignaturePolicy', 'ap-guangzhou', {}, undefined, { beforeSend: async () => false }), { ok: false, code: 'NotStarted', notSent: true });
  t.deepEqual(inner.sent, []);
  t.true((await api.call('tcr', 'CreateSignaturePolicy', 'ap-guangzhou', {}, undefined, { beforeSend: async () => true })).ok);
  t.deepEqual(inner.sent, ['CreateSignaturePolicy']);
  await api.close();
});

test('every write of API_ACTIONS follows --rate and every read its documented limit, read from the one table', async (t) => {
  const { API_ACTIONS } = await import('../src/core/api-actions.js');
  const api = pacedApi(countingApi(() => ok), traffic({ writeRate: 9 }));
  const actions = Object.entries(API_ACTIONS);
  await Promise.all(actions.map(([action, spec]) => api.call(spec.service, action, 'ap-guangzhou', {})));
  for (const [action, spec] of actions) {
    t.is(api.lanes.get(`http://ap-guangzhou ${action}`)?.rate, spec.kind === 'write' ? 9 : spec.limit, action);
  }
  t.is(api.lanes.get('http://ap-guangzhou CreateSignature')?.rate, 9, 'the image signing write is paced at --rate');
  await api.close();
});
