import { parseArgs } from 'node:util';
import { UsageError } from '../core/errors.js';
import { ROUTES } from '../emulator/router.js';
import type { EmulatorOptions } from '../emulator/types.js';

const HELP_HINT = 'Run `tcr-sigpolicy emulator --help` for the flags.';

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  seed: { type: 'string' },
  'latency-ms': { type: 'string' },
  'jitter-ms': { type: 'string' },
  'throttle-rate': { type: 'string' },
  'error-rate': { type: 'string' },
  'drop-rate': { type: 'string' },
  'fault-seed': { type: 'string' },
  'fault-actions': { type: 'string' },
  'rate-limit-all': { type: 'string' },
  'offset-pages': { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface EmulatorFlags {
  readonly help: boolean;
  readonly quiet: boolean;
  /** Everything startEmulator takes from the command line (credentials and the log come from elsewhere). */
  readonly options: EmulatorOptions;
}

function numberFlag(
  name: string,
  text: string | undefined,
  range: { readonly min: number; readonly max: number; readonly integer?: boolean },
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  const kind = range.integer ? 'a whole number' : 'a number';
  if (text.trim() === '' || !Number.isFinite(value) || (range.integer && !Number.isInteger(value)) || value < range.min || value > range.max) {
    throw new UsageError(`--${name} must be ${kind} from ${range.min} to ${range.max} (got "${text}")`, HELP_HINT);
  }
  return value;
}

function parseFlagValues(argv: readonly string[]): ReturnType<typeof parseArgs<{ options: typeof FLAGS; strict: true }>>['values'] {
  try {
    return parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // node's message is the problem on its first line and advice (such as `--flag=-1`) on the next ones.
    const [problem = 'invalid flags', ...advice] = (error as Error).message.split('\n');
    throw new UsageError(problem, advice.length > 0 ? advice.join(' ') : HELP_HINT);
  }
}

/** Reads the emulator's flags; a bad value is a UsageError naming the flag and what it accepts. */
export function parseEmulatorFlags(argv: readonly string[]): EmulatorFlags {
  const values = parseFlagValues(argv);
  const rate = (name: 'throttle-rate' | 'error-rate' | 'drop-rate'): number | undefined =>
    numberFlag(name, values[name], { min: 0, max: 1 });
  const throttleRate = rate('throttle-rate');
  const errorRate = rate('error-rate');
  const dropRate = rate('drop-rate');
  if ((throttleRate ?? 0) + (errorRate ?? 0) + (dropRate ?? 0) > 1) {
    throw new UsageError('--throttle-rate, --error-rate and --drop-rate must add up to at most 1', HELP_HINT);
  }
  if (values.host !== undefined && values.host.trim() === '') throw new UsageError('--host must not be empty', HELP_HINT);
  if (values.seed !== undefined && values.seed.trim() === '') throw new UsageError('--seed needs a file path', HELP_HINT);
  const faultActions = values['fault-actions']?.split(',').map((a) => a.trim()).filter((a) => a !== '');
  const known = ROUTES.map((r) => r.action);
  const unknown = faultActions?.filter((a) => !known.includes(a)) ?? [];
  if (unknown.length > 0) {
    throw new UsageError(`--fault-actions names unknown actions: ${unknown.join(', ')}`, `Known actions: ${known.join(', ')}.`);
  }
  const options: EmulatorOptions = {
    port: numberFlag('port', values.port, { min: 0, max: 65535, integer: true }),
    host: values.host,
    seed: values.seed,
    latencyMs: numberFlag('latency-ms', values['latency-ms'], { min: 0, max: 600_000 }),
    jitterMs: numberFlag('jitter-ms', values['jitter-ms'], { min: 0, max: 600_000 }),
    throttleRate,
    errorRate,
    dropRate,
    faultSeed: numberFlag('fault-seed', values['fault-seed'], { min: 0, max: 2 ** 32 - 1, integer: true }),
    faultActions,
    offsetCountsPages: values['offset-pages'] === true ? true : undefined,
    rateLimitAll: numberFlag('rate-limit-all', values['rate-limit-all'], { min: 1, max: 100_000, integer: true }),
  };
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as EmulatorOptions;
  return { help: values.help ?? false, quiet: values.quiet ?? false, options: defined };
}
