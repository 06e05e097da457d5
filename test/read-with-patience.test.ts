import test from 'ava';
import type { ApiOutcome } from '../src/core/api-outcome.js';
import type { TcrApi } from '../src/core/tcr-api.js';
import { readWithPatience } from '../src/services/traffic/read-with-patience.js';

const call = { service: 'tcr', action: 'DescribeNamespaces', region: 'ap-guangzhou', params: {} } as const;
const throttled: ApiOutcome = { ok: false, code: 'RequestLimitExceeded', message: 'busy', requestId: 'x' };

function scripted(answers: (n: number) => ApiOutcome): TcrApi & { calls: number } {
  const api = { calls: 0, async call() { api.calls += 1; return answers(api.calls); } };
  return api;
}

/** A clock that moves by each sleep: the test sees how long a real run would have waited. */
function clock() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms), random: () => 1 };
}

test('a throttled read is retried until it is answered', async (t) => {
  const api = scripted((n) => (n < 6 ? throttled : { ok: true, requestId: 'fine' }));
  const outcome = await readWithPatience(api, call, clock());
  t.true(outcome.ok);
  t.is(api.calls, 6);
});

test('it gives up when the next wait would pass its patience, with the last answer', async (t) => {
  const c = clock();
  const api = scripted(() => throttled);
  const outcome = await readWithPatience(api, call, { ...c, patienceMs: 60_000 });
  t.like(outcome, { ok: false, code: 'RequestLimitExceeded' });
  t.true(c.now() <= 60_000 && c.now() > 30_000, `gave up after ${c.now()} ms of waiting`);
});

test('refusals a user can act on come back at once', async (t) => {
  for (const code of ['UnauthorizedOperation', 'AuthFailure.SecretIdNotFound', 'ResourceNotFound']) {
    const api = scripted(() => ({ ok: false, code, message: code, requestId: 'r' }));
    t.like(await readWithPatience(api, call, clock()), { code });
    t.is(api.calls, 1, code);
  }
});

test('the stop signal ends the waiting', async (t) => {
  const stop = new AbortController();
  const api = scripted(() => {
    stop.abort();
    return throttled;
  });
  t.like(await readWithPatience(api, call, { ...clock(), signal: stop.signal }), { code: 'RequestLimitExceeded' });
  t.is(api.calls, 1);
});
