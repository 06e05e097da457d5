import test from 'ava';
import { admitAsTheyCome, admitByLane, type LaneAdmission } from '../src/services/engine/lane-admission.js';

/** Takes every item `next()` offers now, counting each as waiting in its lane, as the runner does. */
function takeAll(admission: LaneAdmission): number[] {
  const taken: number[] = [];
  for (let next = admission.next(); next; next = admission.next()) {
    admission.waiting(next.lane);
    taken.push(next.index);
  }
  return taken;
}

const laneOf = (lanes: string) => (i: number): string => lanes[i] as string;

test('a file grouped by lane: the first item of every lane is handed over at once, not after the rest of the first lane', (t) => {
  const admission = admitByLane(6, laneOf('AAABBB'));
  t.deepEqual(takeAll(admission), [0, 3]);
  admission.turnTaken('B');
  t.deepEqual(takeAll(admission), [4], 'B has room: its next item; A is still full');
  admission.turnTaken('A');
  admission.turnTaken('B');
  t.deepEqual(takeAll(admission), [1, 5], 'the earliest item of the file whose lane has room comes first');
});

test('N lanes: each keeps its own look-ahead, and a full lane holds back only its own items', (t) => {
  const admission = admitByLane(9, laneOf('AAAAAABCD'), 2);
  t.deepEqual(takeAll(admission), [0, 1, 6, 7, 8]);
  t.false(admission.done);
  admission.turnTaken('C');
  t.deepEqual(takeAll(admission), [], 'C has nothing left; A is full');
});

test('items never handed over come back in input order, from every lane', (t) => {
  const admission = admitByLane(7, laneOf('ABABBAA'));
  takeAll(admission);
  t.deepEqual(admission.notHandedOver(), [2, 3, 4, 5, 6]);
});

test('a retry that comes back to its lane takes the room a new item would have had', (t) => {
  const admission = admitByLane(3, laneOf('AAA'));
  t.deepEqual(takeAll(admission), [0]);
  admission.turnTaken('A');
  admission.waiting('A'); // item 0 back for a second attempt
  t.deepEqual(takeAll(admission), []);
  admission.turnTaken('A');
  t.deepEqual(takeAll(admission), [1]);
});

test('turnChange settles at the next turn taken in any lane; done once every item is handed over', async (t) => {
  const admission = admitByLane(2, laneOf('AB'));
  t.deepEqual(takeAll(admission), [0, 1]);
  t.true(admission.done);
  const changed = admission.turnChange();
  admission.turnTaken('B');
  await changed;
  t.deepEqual(admission.notHandedOver(), []);
});

test('items that arrive as the run goes: handed over per lane as they come, done only once the source has ended', async (t) => {
  const admission = admitAsTheyCome();
  t.deepEqual(takeAll(admission), []);
  t.false(admission.done, 'nothing yet, but the source has not ended');
  const arrived = admission.turnChange();
  admission.add('A');
  await arrived;
  admission.add('A');
  admission.add('B');
  t.deepEqual(takeAll(admission), [0, 2], 'the second A waits behind the first');
  admission.turnTaken('A');
  t.deepEqual(takeAll(admission), [1]);
  t.false(admission.done);
  const ended = admission.turnChange();
  admission.end();
  await ended;
  t.true(admission.done);
});

test('a stop before the source ends: the items never handed over, those added later too, come back in order', (t) => {
  const admission = admitAsTheyCome();
  admission.add('A');
  admission.add('B');
  takeAll(admission);
  admission.add('A');
  admission.add('B');
  admission.end();
  t.deepEqual(admission.notHandedOver(), [2, 3]);
});
