import { Transform } from 'node:stream';

/**
 * Turns CRLF and lone CR into LF, across chunk boundaries. csv-parse counts a CRLF inside a quoted
 * value as two lines, which would shift the line number of every later row; after this it cannot.
 */
export function normaliseLineEnds(): Transform {
  let pendingCr = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let text = chunk.toString('latin1');
      if (pendingCr) text = `\r${text}`;
      pendingCr = text.endsWith('\r');
      if (pendingCr) text = text.slice(0, -1);
      done(null, Buffer.from(text.replace(/\r\n?/g, '\n'), 'latin1'));
    },
    flush(done) {
      done(null, pendingCr ? Buffer.from('\n') : null);
    },
  });
}
