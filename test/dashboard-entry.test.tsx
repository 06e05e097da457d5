import { EventEmitter } from 'node:events';
import { PassThrough, Writable } from 'node:stream';
import test from 'ava';
import chalk from 'chalk';
import { renderDashboard } from '../src/ui/render-dashboard.js';
import { endEvent, fakeControls, fakeSource, plain, progressEvent, rowResult, startEvent, waitFor } from './helpers/dashboard-helpers.js';

// See dashboard-terminals.test.tsx: without this, chalk emits nothing and colour checks prove nothing.
chalk.level = 1;
// eslint-disable-next-line no-control-regex
const SGR = /\u001B\[[0-9;]*m/;

/**
 * A terminal that records what is written to it. Not marked a TTY: Ink would hide the cursor on it,
 * and cli-cursor then arms a process-wide exit hook that writes `ESC[?25h` to this worker's real stderr.
 */
function fakeTty(columns = 100) {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  Object.assign(stream, { isTTY: false, columns, rows: 40 });
  return { stdout: stream as unknown as NodeJS.WriteStream, output: () => text };
}

/** A keyboard in raw mode, as Ink reads it. */
function fakeKeyboard() {
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true, data: null as string | null,
    setEncoding() {}, setRawMode() {}, resume() {}, pause() {}, ref() {}, unref() {},
    read() { const { data } = stdin; stdin.data = null; return data; },
    press(data: string) { stdin.data = data; stdin.emit('readable'); },
  });
  return stdin;
}

function tracked(promise: Promise<void>) {
  const state = { settled: false };
  void promise.then(() => { state.settled = true; });
  return state;
}

test.serial('subscribes at once, resolves after the end is drawn, leaves the final frame and unsubscribes', async (t) => {
  const source = fakeSource();
  const tty = fakeTty();
  const done = renderDashboard({ source, controls: fakeControls(), stdout: tty.stdout, stdin: new PassThrough() as unknown as NodeJS.ReadStream });
  const state = tracked(done);
  t.is(source.listenerCount(), 1, 'subscribed before the first await');
  source.emit(startEvent({ total: 2 }), { type: 'row-done', result: rowResult(2, 'created') }, progressEvent(1, 2, { created: 1 }));
  await waitFor(() => plain(tty.output()).includes('1/2'), tty.output);
  t.false(state.settled, 'still running before the end');
  source.emit({ type: 'row-done', result: rowResult(3, 'failed', { ErrorCode: 'ResourceNotFound', ErrorMessage: 'no registry' }) }, endEvent({ created: 1, failed: 1 }));
  await done;
  const out = plain(tty.output());
  t.true(out.trimEnd().endsWith('Finished in 2m05s with 1 failed row.'), out);
  t.true(out.includes('Needs attention (1)'));
  t.is(source.listenerCount(), 0);
});

test.serial('a finished row is written to the terminal once, however many frames follow', async (t) => {
  const source = fakeSource();
  const tty = fakeTty();
  const done = renderDashboard({ source, controls: fakeControls(), stdout: tty.stdout, stdin: new PassThrough() as unknown as NodeJS.ReadStream });
  source.emit(startEvent({ total: 100 }), { type: 'row-start', line: 3, key: 'tcr-abc123/ns-3', attempt: 1 },
    { type: 'row-done', result: rowResult(2, 'created', { RequestId: 'req-only-once' }) });
  for (let n = 1; n <= 5; n++) {
    source.emit(progressEvent(n, 100, { created: 1 }));
    await waitFor(() => plain(tty.output()).includes(`${n}/100`), tty.output);
  }
  source.emit(endEvent({ created: 1 }, true));
  await done;
  t.true(plain(tty.output()).split('L3 ').length - 1 >= 5, 'the live row was redrawn on every frame');
  t.is(tty.output().split('req-only-once').length - 1, 1);
});

test.serial('Ctrl-C and q go to controls.stop() and the dashboard keeps running until the end', async (t) => {
  const source = fakeSource();
  const controls = fakeControls();
  const tty = fakeTty();
  const keyboard = fakeKeyboard();
  const done = renderDashboard({ source, controls, stdout: tty.stdout, stdin: keyboard as unknown as NodeJS.ReadStream });
  const state = tracked(done);
  source.emit(startEvent(), { type: 'row-start', line: 2, key: 'tcr-abc123/ns-2', attempt: 1 });
  await waitFor(() => keyboard.listenerCount('readable') > 0);
  keyboard.press('\u0003');
  await waitFor(() => plain(tty.output()).includes('stopping… (press again to abort)'), tty.output);
  keyboard.press('q');
  await waitFor(() => plain(tty.output()).includes('aborting…'), tty.output);
  t.deepEqual(controls.calls, ['stop', 'stop']);
  t.false(state.settled);
  source.emit(endEvent({ 'not-sent': 9 }, true));
  await done;
  t.regex(plain(tty.output()), /Interrupted after 2m05s: 0 of 9 rows done, 9 not sent\.\s*$/);
});

test.serial('NO_COLOR in the environment: no colour codes; an explicit color: true still colours', async (t) => {
  const run = async (color?: boolean) => {
    const source = fakeSource();
    const tty = fakeTty();
    const done = renderDashboard({ source, controls: fakeControls(), stdout: tty.stdout, stdin: new PassThrough() as unknown as NodeJS.ReadStream, color });
    source.emit(startEvent(), { type: 'row-done', result: rowResult(2, 'created') }, endEvent({ created: 1 }));
    await done;
    return tty.output();
  };
  process.env['NO_COLOR'] = '1';
  try {
    const colourless = await run();
    t.true(plain(colourless).includes('✔ L2'));
    t.notRegex(colourless, SGR);
    t.regex(await run(true), SGR);
  } finally {
    delete process.env['NO_COLOR'];
  }
});

test.serial('an abort signal tears the dashboard down without an end event', async (t) => {
  const source = fakeSource();
  const controller = new AbortController();
  const tty = fakeTty();
  const done = renderDashboard({ source, controls: fakeControls(), stdout: tty.stdout, stdin: new PassThrough() as unknown as NodeJS.ReadStream, signal: controller.signal });
  source.emit(startEvent());
  await waitFor(() => plain(tty.output()).includes('LIVE'), tty.output);
  controller.abort();
  await done;
  t.is(source.listenerCount(), 0);
});
