import test from 'ava';
import { settleAll } from '../src/core/settle-all.js';

test('settleAll gives every value in order, like Promise.all', async (t) => {
  t.deepEqual(await settleAll([Promise.resolve(1), Promise.resolve('two')]), [1, 'two']);
});

test('settleAll throws the first failure only once the slower reads have ended too', async (t) => {
  let slowEnded = false;
  const slow = new Promise<void>((resolve) => setImmediate(() => { slowEnded = true; resolve(); }));
  const error = await t.throwsAsync(settleAll([Promise.reject(new Error('denied')), slow]));
  t.is(error?.message, 'denied');
  t.true(slowEnded, 'the read still in flight ended before the failure was reported');
});
