import type { Writable } from 'node:stream';

/** Collects lines and writes them in large chunks: a 100,000-row preview would otherwise be 200,000 syscalls. */
export interface LineBuffer {
  push(text: string): void;
  flush(): void;
}

export function createLineBuffer(stream: Writable, limit = 64 * 1024): LineBuffer {
  let pending: string[] = [];
  let size = 0;
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    stream.write(pending.join(''));
    pending = [];
    size = 0;
  };
  return {
    push(text) {
      pending.push(text);
      size += text.length;
      if (size >= limit) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
