import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../core/errors.js';
import { normalizeSeed } from './normalize-seed.js';
import type { EmulatorSeed, NormalizedSeed } from './seed-format.js';

/** fixtures/ sits two levels up from both src/emulator and dist/emulator. */
export const DEFAULT_SEED_PATH = fileURLToPath(new URL('../../fixtures/emulator-seed.json', import.meta.url));

async function readSeedFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`Cannot read the emulator seed ${path}: ${reason}.`, 'Pass --seed with a JSON file (see docs/emulator.md).');
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new UsageError(`The emulator seed ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** A seed given as an object, as a file path, or not at all (the bundled seed). */
export async function loadSeed(seed: EmulatorSeed | string | undefined): Promise<NormalizedSeed> {
  if (typeof seed === 'object') return normalizeSeed(seed, '(object)');
  const path = seed ?? DEFAULT_SEED_PATH;
  return normalizeSeed(await readSeedFile(path), path);
}
