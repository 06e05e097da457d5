// backoffDelay: the wait before a retry, full jitter under a doubling ceiling.
import test from 'ava';
import { backoffDelay } from '../src/core/backoff.js';

test('backoffDelay: full jitter below min(cap, base * 2^(attempt-1)), whole milliseconds', (t) => {
  const options = { baseMs: 400, capMs: 15_000 };
  const table: [attempt: number, ceiling: number][] = [[0, 400], [1, 400], [2, 800], [3, 1600], [6, 12_800], [7, 15_000], [40, 15_000]];
  for (const [attempt, ceiling] of table) {
    t.is(backoffDelay(attempt, options, () => 0), 0, `attempt ${attempt}, random 0`);
    t.is(backoffDelay(attempt, options, () => 0.5), ceiling / 2, `attempt ${attempt}, random 0.5`);
    t.is(backoffDelay(attempt, options, () => 0.999999), ceiling - 1, `attempt ${attempt}, random just below 1`);
  }
});
