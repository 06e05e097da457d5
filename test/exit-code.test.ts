// exitCodeFor: the exit code a run's counts give.
import test from 'ava';
import { exitCodeFor } from '../src/core/exit-code.js';
import { emptyCounts, type RowStatus } from '../src/core/result.js';

test('exitCodeFor: 130 interrupted, 1 when a row failed, was not sent or invalid, else 0', (t) => {
  const table: [Partial<Record<RowStatus, number>>, boolean, number][] = [
    [{ created: 3 }, false, 0],
    [{ created: 1, skipped: 2, 'dry-run': 1 }, false, 0],
    [{}, false, 0],
    [{ created: 3, failed: 1 }, false, 1],
    [{ created: 3, 'not-sent': 1 }, false, 1],
    [{ created: 3, invalid: 1 }, false, 1],
    [{ created: 3 }, true, 130],
    [{ failed: 3 }, true, 130],
  ];
  for (const [counts, interrupted, code] of table) t.is(exitCodeFor({ ...emptyCounts(), ...counts }, interrupted), code, JSON.stringify(counts));
});
