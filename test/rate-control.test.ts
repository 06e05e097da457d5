import test from 'ava';
import { ACCEL, CLIMB, createRateControl, KEEP } from '../src/core/rate-control.js';

/** `n` answers spread evenly over [from, from + ms). */
function answers(rate: ReturnType<typeof createRateControl>, from: number, ms: number, n: number, throttled: (i: number) => boolean = () => false): boolean {
  let cut = false;
  for (let i = 0; i < n; i++) cut = rate.answered(from + (i * ms) / n, throttled(i)) || cut;
  return cut;
}

test('the rate is the limit until the API throttles', (t) => {
  const rate = createRateControl(20);
  t.false(answers(rate, 0, 10_000, 200));
  t.is(rate.rateAt(10_000), 20);
});

test('a stray throttled answer or two does not slow the lane: they are retried', (t) => {
  const rate = createRateControl(20);
  t.false(answers(rate, 0, 2000, 40, (i) => i === 10 || i === 30));
  t.is(rate.rateAt(2000), 20);
});

test('repeated refusals cut to what got through in the last second, at most once per second', (t) => {
  const rate = createRateControl(20);
  answers(rate, 0, 1000, 20);
  // Another client takes 5 of the 20: from now on a quarter of our answers are refused.
  let cuts = 0;
  for (let i = 0; i < 60; i++) if (rate.answered(1000 + i * 50, i % 4 === 0)) cuts++;
  t.true(cuts >= 1 && cuts <= 3, `${cuts} cuts in 3 s`);
  const r = rate.rateAt(4000);
  t.true(r < KEEP * 20 && r >= 10, `rate ${r.toFixed(2)}`);
});

test('never below half the rate at a cut, nor below one request per second', (t) => {
  const rate = createRateControl(20);
  for (let s = 0; s < 10; s++) answers(rate, s * 1000, 1000, 10, () => true);
  t.true(rate.rateAt(10_000) >= 1);
});

test('after a burst it climbs back to the limit within seconds, faster the longer nothing is refused', (t) => {
  const rate = createRateControl(20);
  answers(rate, 0, 1000, 10, () => true);
  const cutAt = 200; // the third refusal
  const floor = rate.rateAt(cutAt);
  t.is(floor, 10, 'nothing got through: half the rate');
  // floor + limit × (CLIMB s + ACCEL s²) = limit
  const s = (-CLIMB + Math.sqrt(CLIMB * CLIMB + 4 * ACCEL * ((20 - floor) / 20))) / (2 * ACCEL);
  t.true(s < 15, `back at the limit after ${s.toFixed(1)} s`);
  t.true(rate.rateAt(cutAt + 1000) - floor < rate.rateAt(cutAt + 5000) - rate.rateAt(cutAt + 4000), 'the climb speeds up');
  t.is(rate.rateAt(cutAt + s * 1000 + 1), 20);
  t.is(rate.rateAt(cutAt + 600_000), 20, 'never above the limit');
});

/**
 * The lane against a server that counts arrivals in a sliding second: it sends at its rate, learns each
 * answer 100-300 ms later. `capacity` is what the server lets this caller have; `noise` a share refused at random.
 */
function simulate(capacity: number, noise: number, seconds: number, seed: number): { rate: number; refused: number } {
  let x = seed;
  const random = (): number => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const control = createRateControl(20);
  const admitted: number[] = [];
  const pending: { at: number; throttled: boolean }[] = [];
  let sent = 0;
  let refused = 0;
  let next = 0;
  for (let now = 0; now < seconds * 1000; now++) {
    pending.sort((a, b) => a.at - b.at);
    while (pending.length > 0 && (pending[0] as { at: number }).at <= now) {
      const a = pending.shift() as { at: number; throttled: boolean };
      control.answered(a.at, a.throttled);
    }
    if (now < next) continue;
    sent++;
    while (admitted.length > 0 && (admitted[0] as number) <= now - 1000) admitted.shift();
    const full = admitted.length >= capacity;
    if (!full) admitted.push(now);
    const throttled = full || random() < noise;
    if (throttled) refused++;
    pending.push({ at: now + 100 + random() * 200, throttled });
    next = now + 1025 / control.rateAt(now);
  }
  return { rate: sent / seconds, refused: refused / sent };
}

test('sharing the budget with a client that takes 5/s, it uses what is left and is rarely refused', (t) => {
  const runs = [1, 2, 3, 4].map((seed) => simulate(15, 0, 20, seed));
  const rate = runs.reduce((n, r) => n + r.rate, 0) / runs.length;
  const refused = runs.reduce((n, r) => n + r.refused, 0) / runs.length;
  t.true(rate >= 13.5 && rate <= 15.5, `${rate.toFixed(2)}/s`);
  t.true(refused < 0.06, `${(refused * 100).toFixed(1)}% refused`);
});

test('2% of answers refused at random cost little of the pace', (t) => {
  const runs = [1, 2, 3, 4].map((seed) => simulate(20, 0.02, 10, seed));
  const rate = runs.reduce((n, r) => n + r.rate, 0) / runs.length;
  t.true(rate >= 18, `${rate.toFixed(2)}/s`);
});
