/**
 * How many new items a lane is handed ahead of their turn. One keeps a lane at its pace (the next item
 * is queued in the lane's limiter the moment a turn is taken, 50 ms or more before the next turn at
 * 20/s) while a pause or a stop finds at most one new item per lane that has not started.
 */
export const LOOK_AHEAD = 1;

/** The next item to hand over, and the lane it waits in. */
export interface Admitted {
  readonly index: number;
  readonly lane: string;
}

export interface LaneAdmission {
  /**
   * The first item in input order not handed over yet whose lane has room (fewer than the look-ahead
   * waiting for their turn); undefined when every lane with items left is full, or none is left.
   */
  next(): Admitted | undefined;
  /** The source has ended and every item has been handed over. */
  readonly done: boolean;
  /** An item waits for its turn in `lane` (handed over, or back for a retry). Count it before asking `next()` again. */
  waiting(lane: string): void;
  /** Its turn came, or it stopped waiting: its lane has room again. */
  turnTaken(lane: string): void;
  /** Settles at the next turn taken in any lane, item added, or end of the source. */
  turnChange(): Promise<void>;
  /** The items never handed over, in input order. */
  notHandedOver(): number[];
  /** One more item (the next index) arrived from a source still growing, to wait in `lane`. */
  add(lane: string): void;
  /** The source has ended: no item will be added. */
  end(): void;
}

interface LaneQueue {
  readonly key: string;
  /** Indices of the lane's items, in input order; those before `cursor` have been handed over. */
  readonly items: number[];
  cursor: number;
  waiting: number;
}

/**
 * Per-lane admission for a runner: an item waits only behind items of its own lane, so a file
 * grouped by lane keeps every lane busy at once. It knows a lane only by the opaque key `laneOf`
 * gives (the traffic layer's `laneOf`), and holds one index per item, never the items themselves.
 */
export function admitByLane(count: number, laneOf: (index: number) => string, lookAhead = LOOK_AHEAD): LaneAdmission {
  const admission = admitAsTheyCome(lookAhead);
  for (let i = 0; i < count; i++) admission.add(laneOf(i));
  admission.end();
  return admission;
}

/**
 * The same admission for items that arrive while the run goes on (a listing still paging): each is
 * added with its lane as it comes, and the admission is done only once the source has ended.
 */
export function admitAsTheyCome(lookAhead = LOOK_AHEAD): LaneAdmission {
  const lanes = new Map<string, LaneQueue>();
  const queueOf = (key: string): LaneQueue => {
    let queue = lanes.get(key);
    if (!queue) lanes.set(key, (queue = { key, items: [], cursor: 0, waiting: 0 }));
    return queue;
  };
  let count = 0;
  let ended = false;
  let handed = 0;
  let wake: (() => void)[] = [];
  const wakeAll = (): void => {
    const w = wake;
    wake = [];
    w.forEach((f) => f());
  };

  return {
    next() {
      let best: LaneQueue | undefined;
      for (const queue of lanes.values()) {
        const head = queue.items[queue.cursor];
        if (head === undefined || queue.waiting >= lookAhead) continue;
        if (!best || head < (best.items[best.cursor] as number)) best = queue;
      }
      if (!best) return undefined;
      handed += 1;
      return { index: best.items[best.cursor++] as number, lane: best.key };
    },
    get done() {
      return ended && handed === count;
    },
    waiting(lane) {
      queueOf(lane).waiting += 1;
    },
    turnTaken(lane) {
      queueOf(lane).waiting -= 1;
      wakeAll();
    },
    turnChange() {
      return new Promise((resolve) => wake.push(resolve));
    },
    notHandedOver() {
      return [...lanes.values()].flatMap((q) => q.items.slice(q.cursor)).sort((a, b) => a - b);
    },
    add(lane) {
      queueOf(lane).items.push(count++);
      wakeAll();
    },
    end() {
      ended = true;
      wakeAll();
    },
  };
}
