// The progress figures: done/total of the whole batch, and a rate and ETA that hold still while paused.
import test from 'ava';
import { emptyCounts } from '../src/core/result.js';
import { createProgressMeter } from '../src/services/engine/progress-meter.js';

function meter(toSend: number, settled = 0) {
  const clock = { now: 0, paused: false };
  const m = createProgressMeter({ toSend, settled, now: () => clock.now, inFlight: () => 0, paused: () => clock.paused });
  /** Starts and finishes one request a `gapMs` apart, `n` times. */
  const send = (n: number, gapMs: number): void => {
    for (let i = 0; i < n; i++) {
      clock.now += gapMs;
      m.requestStarted();
      m.rowDone();
    }
  };
  return { clock, send, progress: () => m.progress(emptyCounts()) };
}

test('while paused, the rate and the ETA hold still however long the pause; resumed, they go on from there', (t) => {
  const { clock, send, progress } = meter(200);
  send(40, 100); // 10 requests a second for 4 s
  const before = progress();
  t.is(before.rate, 10);
  t.is(before.etaMs, 16_000);
  clock.paused = true;
  const atPause = progress();
  for (const wait of [1000, 5000, 60_000]) {
    clock.now += wait;
    const held = progress();
    t.true(held.paused);
    t.is(held.rate, atPause.rate, `rate after ${wait} ms paused`);
    t.is(held.etaMs, atPause.etaMs, `ETA after ${wait} ms paused`);
  }
  clock.paused = false;
  const resumed = progress();
  t.false(resumed.paused);
  t.is(resumed.rate, 10, 'the pause is left out of the window');
  t.is(resumed.etaMs, 16_000);
  send(10, 100);
  t.is(progress().rate, 10);
  t.is(progress().elapsedMs, clock.now, 'elapsed is wall time, pause included');
});

test('a resumed run counts its settled rows as done: the figures agree with the counters (300/300, not 181/181)', (t) => {
  const { send, progress } = meter(181, 119);
  t.like(progress(), { done: 119, total: 300 });
  send(181, 50);
  t.like(progress(), { done: 300, total: 300 });
});

test('no ETA before a row is done in this run, even with settled rows', (t) => {
  const { clock, progress } = meter(10, 5);
  clock.now += 1000;
  t.is(progress().etaMs, undefined);
});
