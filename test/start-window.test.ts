import test from 'ava';
import { createStartWindow } from '../src/core/start-window.js';

test('at most `limit` starts in any window: the next waits for the oldest to leave it', (t) => {
  const window = createStartWindow(3, 1025);
  for (const at of [0, 10, 20]) {
    t.is(window.delayAt(at), 0);
    window.record(at);
  }
  t.is(window.delayAt(30), 995, 'the start at 0 leaves the window at 1025');
  window.record(1025);
  t.is(window.delayAt(1025), 10, 'then the one at 10');
});

test('a start delayed by a busy event loop does not bunch up with the next: they are counted as they happened', (t) => {
  // Planned 50 ms apart, but the 20th ran 40 ms late: 20 starts lie within 990 ms. The 21st must wait.
  const window = createStartWindow(20, 1025);
  for (let i = 0; i < 19; i++) window.record(i * 50);
  window.record(19 * 50 + 40);
  t.is(window.delayAt(1000), 25);
});

test('the first start of a connection is counted from its answer, when it surely had arrived', (t) => {
  const window = createStartWindow(2, 1000);
  window.record(0);
  window.record(100);
  window.move(0, 300);
  t.is(window.delayAt(400), 700, 'the start now counted at 100 leaves at 1100');
});
