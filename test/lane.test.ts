// The lane's own rules on an injected clock: bottleneck's planned spacing is turned off (spacing: 0),
// and every wait of the lane advances the fake clock instead of the wall clock.
import test from 'ava';
import { createLane, NOT_STARTED, type LaneOptions } from '../src/services/traffic/lane.js';
import { fakeTime, settle } from './helpers/fake-clock.js';

function laneOn(time: ReturnType<typeof fakeTime>, o: Partial<LaneOptions> = {}) {
  return createLane({ limit: 5, spacing: () => 0, concurrency: 50, now: time.now, sleep: (ms, signal) => time.sleep(ms, signal), ...o });
}

test('never more than `limit` actual starts in any 1030 ms, however many are handed over at once', async (t) => {
  const time = fakeTime();
  const lane = laneOn(time);
  const starts: number[] = [];
  await time.runUntil(Promise.all(Array.from({ length: 17 }, () => lane.run(async () => void starts.push(time.now())))));
  t.is(starts.length, 17);
  for (let i = 5; i < starts.length; i++) t.true((starts[i] as number) - (starts[i - 5] as number) >= 1030, `start ${i} at ${starts[i]}, start ${i - 5} at ${starts[i - 5]}`);
  t.is(starts[5], 1030, 'no slower than needed either');
  await lane.close();
});

test('a start held up before it leaves (its intent synced on a busy disk) is counted from when it leaves: never `limit` + 1 leave in a window', async (t) => {
  const time = fakeTime();
  const lane = laneOn(time);
  const leaves: number[] = [];
  // The first five take their turns at once, but their intents are synced late; the next five are quick.
  // Counted from the turn, the ten would leave within one window.
  const stalls = [900, 900, 900, 900, 900, 0, 0, 0, 0, 0];
  const runs = stalls.map((stall) => lane.run(async (leaving) => {
    await time.sleep(stall);
    await leaving();
    leaves.push(time.now());
  }));
  await time.runUntil(Promise.all(runs));
  leaves.sort((a, b) => a - b);
  t.is(leaves.length, 10);
  for (let i = 5; i < leaves.length; i++) t.true((leaves[i] as number) - (leaves[i - 5] as number) >= 1030, `leave ${i} at ${leaves[i]}, leave ${i - 5} at ${leaves[i - 5]}`);
  await lane.close();
});

test('the window the first request opens stays open until it is answered (it may have arrived late)', async (t) => {
  const time = fakeTime();
  const lane = laneOn(time, { limit: 3 });
  let answerFirst: () => void = () => undefined;
  const starts: number[] = [];
  const first = lane.run(() => {
    starts.push(time.now());
    return new Promise<void>((resolve) => (answerFirst = resolve));
  });
  const others = Promise.all([1, 2, 3].map(() => lane.run(async () => void starts.push(time.now()))));
  await time.advanceTo(1500);
  t.deepEqual(starts, [0, 0, 0], 'a full window behind the unanswered first request: the next one waits, past 1030 ms');
  answerFirst();
  await time.runUntil(Promise.all([first, others]));
  t.deepEqual(starts, [0, 0, 0, 1500]);
  await lane.close();
});

test('refusals cut the lane rate; it climbs back to the limit', async (t) => {
  const time = fakeTime();
  const lane = laneOn(time, { limit: 20 });
  const refused = { throttled: (r: string) => r === 'RequestLimitExceeded' };
  for (let i = 0; i < 3; i++) await time.runUntil(lane.run(async () => 'RequestLimitExceeded', refused));
  t.is(lane.cuts, 1, 'three refusals in a row: one cut');
  t.true(lane.rate < 20, `rate ${lane.rate}`);
  await time.runUntil(lane.run(async () => 'RequestLimitExceeded', refused));
  t.is(lane.cuts, 1, 'another refusal in the same second does not cut again');
  await time.advanceTo(30_000);
  t.is(lane.rate, 20);
  await lane.close();
});

test('a stop ends a wait for the turn at once: the task never starts', async (t) => {
  const time = fakeTime();
  const lane = laneOn(time, { limit: 1 });
  const stop = new AbortController();
  await time.runUntil(lane.run(async () => 'first'));
  let started = false;
  const second = lane.run(async () => (started = true), { stop: stop.signal });
  await time.advanceTo(500);
  t.false(started, 'at 1/s the second start is due at 1030 ms');
  stop.abort();
  t.is(await second, NOT_STARTED);
  t.false(started);
  t.is(lane.waiting, 0);
  t.true(time.now() < 1030, 'nobody waited for the turn that will not come');
  await lane.close();
});

test('a stop before the turn comes leaves the queue; one after the task started lets it finish', async (t) => {
  const time = fakeTime();
  const lane = laneOn(time, { limit: 5 });
  const stop = new AbortController();
  let release: () => void = () => undefined;
  const running = lane.run(() => new Promise<string>((resolve) => (release = () => resolve('answered'))), { stop: stop.signal });
  await settle();
  t.is(lane.inFlight, 1);
  stop.abort();
  release();
  t.is(await running, 'answered', 'in flight: its answer is kept');
  t.is(await lane.run(async () => 'late', { stop: stop.signal }), NOT_STARTED, 'after the stop: not started');
  await lane.close();
});
