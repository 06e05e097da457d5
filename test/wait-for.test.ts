// waitFor, the helper e2e tests poll with.
import test from 'ava';
import { waitFor } from './helpers/engine-kit.js';

test('waitFor polls until the condition holds, and names what it waited for when it times out', async (t) => {
  let ready = false;
  setTimeout(() => (ready = true), 30);
  t.true(await waitFor(() => ready, 'the flag'));
  await t.throwsAsync(waitFor(() => false, 'never', { timeoutMs: 50 }), { message: /never/ });
});
