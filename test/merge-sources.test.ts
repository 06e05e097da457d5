import test from 'ava';
import { asTheyCome, inOrder } from '../src/services/merge-sources.js';

/** A source that yields `values` once `gate` opens, noting when it started. */
function gated(name: string, values: readonly string[], gate: Promise<void>, started: string[], fail?: Error) {
  return async function* (): AsyncGenerator<string> {
    started.push(name);
    await gate;
    for (const value of values) yield value;
    if (fail) throw fail;
  };
}

test('every source starts at once, and the values still come source after source', async (t) => {
  const started: string[] = [];
  let openFirst!: () => void;
  const first = new Promise<void>((resolve) => (openFirst = resolve));
  const merged = inOrder([gated('a', ['a1', 'a2'], first, started), gated('b', ['b1'], Promise.resolve(), started)]);
  const taken: string[] = [];
  const reading = (async () => {
    for await (const value of merged) taken.push(value);
  })();
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(started, ['a', 'b'], 'b is read while a still waits');
  t.deepEqual(taken, [], 'b\'s value waits for a\'s');
  openFirst();
  await reading;
  t.deepEqual(taken, ['a1', 'a2', 'b1']);
});

test('a source that fails: the values before it come first, then its error', async (t) => {
  const started: string[] = [];
  const merged = inOrder([gated('a', ['a1'], Promise.resolve(), started), gated('b', ['b1'], Promise.resolve(), started, new Error('page refused'))]);
  const taken: string[] = [];
  await t.throwsAsync(async () => {
    for await (const value of merged) taken.push(value);
  }, { message: 'page refused' });
  t.deepEqual(taken, ['a1', 'b1']);
});

test('as they come: a slow source never holds back a faster one; the first error ends the merge', async (t) => {
  const started: string[] = [];
  let openFirst!: () => void;
  const first = new Promise<void>((resolve) => (openFirst = resolve));
  const merged = asTheyCome([gated('a', ['a1'], first, started), gated('b', ['b1', 'b2'], Promise.resolve(), started)]);
  const taken: string[] = [];
  const reading = (async () => {
    for await (const value of merged) {
      taken.push(value);
      if (value === 'b2') openFirst();
    }
  })();
  await reading;
  t.deepEqual(taken, ['b1', 'b2', 'a1'], 'b\'s values while a still waits');
  const failing = asTheyCome([gated('c', ['c1'], new Promise(() => undefined), []), gated('d', [], Promise.resolve(), [], new Error('page refused'))]);
  await t.throwsAsync(async () => {
    for await (const value of failing) taken.push(value);
  }, { message: 'page refused' });
});
