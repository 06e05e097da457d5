import type { Readable } from 'node:stream';

/**
 * The first chunk of a stream, put back so whoever reads it next still gets every byte: enough to tell
 * a file's encoding and separator before choosing how to parse it. Empty for an empty input.
 */
export function peekStart(input: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      input.off('readable', onReadable);
      input.off('error', onError);
    };
    const onReadable = (): void => {
      done();
      const chunk = input.read() as Buffer | string | null;
      if (chunk === null) return resolve(Buffer.alloc(0));
      input.unshift(chunk);
      resolve(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    };
    const onError = (error: Error): void => {
      done();
      reject(error);
    };
    input.on('readable', onReadable);
    input.once('error', onError);
  });
}
