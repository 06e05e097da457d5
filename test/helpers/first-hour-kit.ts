// Shared by the first-hour terminal tests: an emulator with a dataset, a CSV, and the raw bytes a CLI wrote.
import { readFileSync } from 'node:fs';
import type { ExecutionContext } from 'ava';
import type { EmulatorHandle } from '../../src/emulator/index.js';
import { makeDataset, startKitEmulator, tempDir, TEST_SECRET_ID, TEST_SECRET_KEY, writeCsv, type Dataset } from './engine-kit.js';

export interface BatchSetup {
  readonly dir: string;
  readonly csv: string;
  readonly dataset: Dataset;
  readonly emulator: EmulatorHandle;
  /** The test pair, as the CLI's environment. */
  readonly env: Readonly<Record<string, string>>;
}

export async function batchSetup(t: ExecutionContext, rows: number, latencyMs = 0): Promise<BatchSetup> {
  const dataset = makeDataset(rows);
  const dir = await tempDir(t, 'tcr-first-hour-');
  const csv = await writeCsv(dir, dataset.csv);
  const emulator = await startKitEmulator(t, { seed: dataset.seed, latencyMs });
  return { dir, csv, dataset, emulator, env: { TENCENTCLOUD_SECRET_ID: TEST_SECRET_ID, TENCENTCLOUD_SECRET_KEY: TEST_SECRET_KEY } };
}

/** SGR sequences (colour, bold, dim): `ESC [ … m`. */
export const SGR = new RegExp(String.raw`\u001b\[[0-9;:]*m`, 'g');
/** Sequences that move the cursor or erase: up, down, forward, back, column, position, erase line / screen. */
export const CURSOR_MOVES = new RegExp(String.raw`\u001b\[[0-9;]*[ABCDEFGHJKf]`, 'g');

/** The raw bytes a `record`ed session wrote, as text. */
export const rawOf = (path: string): string => readFileSync(path, 'latin1');
