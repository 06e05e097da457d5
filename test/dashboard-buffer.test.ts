import test from 'ava';
import type { BatchEvent } from '../src/core/batch-events.js';
import { bufferSource } from '../src/ui/buffered-source.js';
import { endEvent, fakeSource, progressEvent, startEvent } from './helpers/dashboard-helpers.js';

test('events emitted before the dashboard subscribes are replayed in order, later ones forwarded', (t) => {
  const upstream = fakeSource();
  const buffered = bufferSource(upstream);
  t.is(upstream.listenerCount(), 1, 'subscribed at once');
  upstream.emit(startEvent(), progressEvent(1, 10));
  const seen: BatchEvent['type'][] = [];
  buffered.subscribe((event) => seen.push(event.type));
  t.deepEqual(seen, ['start', 'progress']);
  upstream.emit(endEvent());
  t.deepEqual(seen, ['start', 'progress', 'end']);
});

test('close lets go of the original source', (t) => {
  const upstream = fakeSource();
  const buffered = bufferSource(upstream);
  const seen: string[] = [];
  const unsubscribe = buffered.subscribe((event) => seen.push(event.type));
  unsubscribe();
  upstream.emit(startEvent());
  t.deepEqual(seen, [], 'an unsubscribed listener hears nothing');
  buffered.close();
  t.is(upstream.listenerCount(), 0);
});
