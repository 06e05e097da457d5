import test from 'ava';
import { createRateControl, CUT_FACTOR, FAST_CLIMB, FAST_UNTIL, SLOW_CLIMB } from '../src/core/rate-control.js';

test('the rate is the limit until the API throttles', (t) => {
  const rate = createRateControl(20);
  t.is(rate.rateAt(0), 20);
  t.is(rate.rateAt(60_000), 20);
});

test('a throttled answer cuts the rate multiplicatively, at most once per second', (t) => {
  const rate = createRateControl(20);
  t.true(rate.throttled(1000));
  t.is(rate.rateAt(1000), 20 * CUT_FACTOR);
  t.false(rate.throttled(1500), 'answers of the same crowded second count once');
  t.false(rate.throttled(1999));
  t.true(rate.throttled(2000));
  t.true(rate.rateAt(2000) < 20 * CUT_FACTOR, 'a second cut a second later goes lower');
});

test('after a cut it climbs fast to just under the refused rate, then slowly to the limit: a burst costs seconds', (t) => {
  const rate = createRateControl(20);
  rate.throttled(0);
  const floor = 20 * CUT_FACTOR;
  const knee = 20 * FAST_UNTIL;
  const fastMs = ((knee - floor) / (20 * FAST_CLIMB)) * 1000;
  t.is(rate.rateAt(fastMs / 2), floor + (knee - floor) / 2);
  t.true(Math.abs(rate.rateAt(fastMs) - knee) < 1e-9);
  const slowMs = ((20 - knee) / (20 * SLOW_CLIMB)) * 1000;
  t.true(rate.rateAt(fastMs + slowMs / 2) < 20);
  t.is(rate.rateAt(fastMs + slowMs), 20, 'back at the limit');
  t.true(fastMs + slowMs <= 3000, `recovered in ${Math.round(fastMs + slowMs)} ms`);
  t.is(rate.rateAt(600_000), 20, 'never above the limit');
});

test('with another client taking part of the budget, it settles just under what is left instead of falling to the floor', (t) => {
  // The API refuses whenever this lane is above 15/s (another client spends 5 of the 20).
  const rate = createRateControl(20);
  const rates: number[] = [];
  for (let now = 0; now < 60_000; now += 50) {
    if (rate.rateAt(now) > 15) rate.throttled(now);
    rates.push(rate.rateAt(now));
  }
  const lastHalf = rates.slice(rates.length / 2);
  const mean = lastHalf.reduce((a, b) => a + b, 0) / lastHalf.length;
  t.true(mean > 13.5 && mean <= 15.2, `mean rate ${mean.toFixed(2)}/s`);
  t.true(Math.min(...lastHalf) >= 15 * CUT_FACTOR * 0.99, `never below ${Math.min(...lastHalf).toFixed(2)}/s`);
});

test('the floor is one request per second', (t) => {
  const rate = createRateControl(2);
  for (let now = 0; now < 20_000; now += 1000) rate.throttled(now);
  t.true(rate.rateAt(19_000) >= 1);
});
