import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The sample CSV shipped beside the code; the bundled emulator seed answers every row of it. */
export const SAMPLE_CSV = fileURLToPath(new URL('../../fixtures/sample.csv', import.meta.url));

/** A path as a user would type it from `cwd`: relative below it, absolute elsewhere. */
export function pathFrom(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
