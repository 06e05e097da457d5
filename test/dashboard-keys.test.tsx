import test from 'ava';
import { render } from 'ink-testing-library';
import { Dashboard } from '../src/ui/Dashboard.js';
import { FULL_THEME } from '../src/ui/terminal-theme.js';
import { fakeControls, fakeSource, plain, progressEvent, startEvent, waitFor } from './helpers/dashboard-helpers.js';

async function mountStarted() {
  const source = fakeSource();
  const controls = fakeControls();
  const ink = render(<Dashboard source={source} controls={controls} theme={FULL_THEME} />);
  const frame = () => plain(ink.lastFrame());
  const until = (check: (frame: string) => boolean) => waitFor(() => check(frame()), frame);
  source.emit(startEvent(), { type: 'row-start', line: 2, key: 'tcr-abc123/ns-2', attempt: 1 });
  // Ink attaches the key listener in an effect after the first frame; wait until it has.
  await until((f) => f.includes('L2 '));
  await waitFor(() => ink.stdin.listenerCount('readable') > 0);
  return { source, controls, ink, frame, until };
}

test('p pauses and resumes through the controls; the header says PAUSED meanwhile', async (t) => {
  const { controls, ink, until } = await mountStarted();
  t.teardown(ink.unmount);
  ink.stdin.write('p');
  await until((f) => /LIVE PAUSED +tcr\.tencentcloudapi\.com/.test(f));
  t.deepEqual(controls.calls, ['pause']);
  ink.stdin.write('p');
  await until((f) => !f.includes('PAUSED'));
  t.deepEqual(controls.calls, ['pause', 'resume']);
});

test('a pause the runner reports shows as PAUSED too', async (t) => {
  const { source, ink, until } = await mountStarted();
  t.teardown(ink.unmount);
  source.emit(progressEvent(1, 10, {}, { paused: true }));
  await until((f) => f.includes('PAUSED'));
  t.pass();
});

test('q asks for a graceful stop, a second press aborts', async (t) => {
  const { controls, ink, until } = await mountStarted();
  t.teardown(ink.unmount);
  ink.stdin.write('q');
  await until((f) => f.includes('stopping… (press again to abort) · 1 in flight'));
  t.deepEqual(controls.calls, ['stop']);
  ink.stdin.write('q');
  await until((f) => f.includes('aborting…') && !f.includes('stopping…'));
  t.deepEqual(controls.calls, ['stop', 'stop']);
});

test('Ctrl-C goes to controls.stop() instead of killing the dashboard', async (t) => {
  const { controls, ink, until } = await mountStarted();
  t.teardown(ink.unmount);
  ink.stdin.write('\u0003');
  await until((f) => f.includes('stopping…'));
  t.deepEqual(controls.calls, ['stop']);
  ink.stdin.write('\u0003');
  await until((f) => f.includes('aborting…'));
  t.deepEqual(controls.calls, ['stop', 'stop']);
});

test('once stopping, p no longer pauses', async (t) => {
  const { controls, ink, until } = await mountStarted();
  t.teardown(ink.unmount);
  ink.stdin.write('q');
  await until((f) => f.includes('stopping…'));
  ink.stdin.write('p');
  ink.stdin.write('?');
  await until((f) => f.includes('q/Ctrl-C stop'));
  t.deepEqual(controls.calls, ['stop']);
});

test('a stop the runner starts on its own is explained', async (t) => {
  const { source, ink, until } = await mountStarted();
  t.teardown(ink.unmount);
  source.emit({ type: 'stopping', reason: 'auth-failure' });
  // The dashboard says why in its own words (the reason, not the engine's sentence), in the run's language.
  await until((f) => f.includes('the credentials were refused; stopping… (press q to abort)'));
  t.pass();
});

test('? toggles the key help line', async (t) => {
  const { ink, frame, until } = await mountStarted();
  t.teardown(ink.unmount);
  t.true(frame().includes('? keys'));
  ink.stdin.write('?');
  await until((f) => f.includes('p pause · q/Ctrl-C stop (twice: abort) · ? hide keys'));
  ink.stdin.write('?');
  await until((f) => f.includes('? keys') && !f.includes('hide keys'));
});
