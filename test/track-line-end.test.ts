// What is written after the dashboard starts on a line of its own: the stream Ink draws on remembers
// whether its last text ended a line, escape codes aside (Ink shows the cursor again after its last frame).
import test from 'ava';
import { Writable } from 'node:stream';
import { trackLineEnd } from '../src/ui/track-line-end.js';

function terminal() {
  let text = '';
  const stream = Object.assign(new Writable({ write(chunk: Buffer, _encoding, done) { text += chunk.toString(); done(); } }), { columns: 80, rows: 24 });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

test('a frame that ends without a newline is noticed, and a cursor code after it changes nothing', (t) => {
  const tty = terminal();
  const tracked = trackLineEnd(tty.stream);
  t.true(tracked.atLineStart(), 'nothing written yet');
  tracked.stream.write('Needs attention (1)\nFinished in 3.2s with 2 failed rows.');
  t.false(tracked.atLineStart());
  tracked.stream.write('\u001B[?25h');
  t.false(tracked.atLineStart(), 'showing the cursor moves no text');
  tracked.stream.write('\n');
  t.true(tracked.atLineStart());
  t.is(tty.text(), 'Needs attention (1)\nFinished in 3.2s with 2 failed rows.\u001B[?25h\n', 'everything reaches the terminal, unchanged');
  t.is(tracked.stream.columns, 80, 'the rest of the stream is the terminal\'s own');
});
