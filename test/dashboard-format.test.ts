import test from 'ava';
import { formatDuration, formatRate } from '../src/ui/format-duration.js';
import { failureColumns } from '../src/ui/failure-columns.js';
import { resolveTheme } from '../src/ui/terminal-theme.js';
import { rowResult } from './helpers/dashboard-helpers.js';

for (const [ms, want] of [
  [0, '0s'], [400, '0.4s'], [1500, '1.5s'], [12_000, '12s'], [61_000, '1m01s'], [3_725_000, '1h02m'], [-1, '?'], [Number.NaN, '?'],
] as const) {
  test(`formatDuration(${ms}) is ${want}`, (t) => t.is(formatDuration(ms), want));
}

test('formatRate has one decimal and survives NaN', (t) => {
  t.is(formatRate(19.75), '19.8/s');
  t.is(formatRate(Number.NaN), '0.0/s');
});

for (const [env, color, want] of [
  [{}, undefined, { color: true, unicode: true }],
  [{ NO_COLOR: '1' }, undefined, { color: false, unicode: true }],
  [{ NO_COLOR: '' }, undefined, { color: false, unicode: true }],
  [{ TERM: 'dumb' }, undefined, { color: false, unicode: false }],
  [{ NO_COLOR: '1' }, true, { color: true, unicode: true }],
  [{ TERM: 'xterm-256color' }, false, { color: false, unicode: true }],
] as const) {
  test(`resolveTheme(${JSON.stringify(env)}, ${color})`, (t) => t.deepEqual(resolveTheme(env, color), want));
}

const failures = [rowResult(12, 'failed', { ErrorCode: 'InvalidParameter.ErrorTcrInvalidParameter', ErrorMessage: 'x', RequestId: 'r' })];
// The RequestId stays whenever a line can hold it: beside the message, or (60, 80) on a line of its own.
for (const [width, stacked, requestId, below] of [[40, true, false, false], [60, true, true, true], [80, true, true, true], [100, true, true, false], [140, true, true, false], [160, false, true, false]] as const) {
  test(`failure table at ${width} columns: ${stacked ? 'two lines per row' : 'one line'}, RequestId ${requestId ? (below ? 'below' : 'shown') : 'dropped'}`, (t) => {
    const columns = failureColumns(width, failures);
    t.is(columns.stacked, stacked);
    t.is(columns.requestId > 0, requestId);
    t.is(columns.requestIdBelow, below);
    // A message column narrower than an id (a KMS key id, 36 cells) would split the ids messages quote.
    if (width >= 60) t.true(columns.message - 2 >= 36, `message column ${columns.message}`);
    const used = columns.stacked ? columns.line + columns.message + (below ? 0 : columns.requestId) : columns.line + columns.key + columns.code + columns.message + columns.requestId;
    t.true(used <= width, `uses ${used} of ${width}`);
  });
}
