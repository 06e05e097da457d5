import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI runs from here, so fixture paths print as `fixtures/...`. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built CLI (`npm run build` must have run; `npm test` does). */
export const CLI = join(ROOT, 'dist', 'cli.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** Written to the CLI's standard input, which is then closed. */
  readonly input?: string | Buffer;
  /** Added to a clean environment (no TENCENTCLOUD_* or locale variables, an empty HOME so no tccli profile). */
  readonly env?: Readonly<Record<string, string>>;
  /** Node options placed before the script, e.g. ['--import', hook]. */
  readonly nodeArgs?: readonly string[];
  /** Where it runs; default the clone's root. */
  readonly cwd?: string;
}

let emptyHome: string | undefined;

/** A home directory without ~/.tccli, so the user's own tccli profile never leaks into a test. */
export function cleanHome(): string {
  emptyHome ??= mkdtempSync(join(tmpdir(), 'tcr-sigpolicy-home-'));
  return emptyHome;
}

function cleanEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The locale is left out too: English unless a test asks for another language.
    if (!key.startsWith('TENCENTCLOUD_') && !['NODE_OPTIONS', 'LANG', 'LC_ALL', 'LC_MESSAGES'].includes(key)) env[key] = value;
  }
  return { ...env, HOME: cleanHome(), NO_COLOR: '1', ...extra };
}

// ava starts every test of a file at once; a few processes at a time keep a small machine responsive.
const MAX_RUNNING = Math.max(2, availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running < MAX_RUNNING) running += 1;
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the finishing run hands its slot over
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

/** Runs `node dist/cli.js ...args` as a user would, with pipes (not a terminal) for all three streams. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  if (!existsSync(CLI)) return Promise.reject(new Error(`${CLI} is missing: run \`npm run build\` before the end-to-end tests`));
  return slot(() => spawnCli(args, options));
}

function spawnCli(args: readonly string[], options: CliOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: cleanEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    // A CLI that exits before reading its input closes the pipe; that is its business, not a test failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
