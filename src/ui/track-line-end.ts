// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001B\[[0-9;?]*[A-Za-z]/g;

/**
 * `stream`, as a stream that remembers whether the last text written to it ended a line. Ink ends its
 * final frame without a newline when the frame fills the terminal (a newline would scroll it), so what
 * is written after it would go on on the frame's last line.
 */
export function trackLineEnd(stream: NodeJS.WriteStream): { readonly stream: NodeJS.WriteStream; atLineStart(): boolean } {
  let lastText = '\n';
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const raw = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    // Escape codes alone (showing the cursor again at the end) move no text: the line is where it was.
    const text = raw.replace(ESCAPE, '');
    if (text.length > 0) lastText = text;
    return (stream.write as (...args: unknown[]) => boolean)(chunk, ...rest);
  };
  const proxy = new Proxy(stream, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { stream: proxy, atLineStart: () => lastText.endsWith('\n') };
}
