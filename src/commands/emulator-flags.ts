import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { numberFlag, parseFlags, stringFlag } from '../cli/parse-flags.js';
import { UsageError } from '../core/errors.js';
import { ROUTES } from '../emulator/router.js';
import type { EmulatorOptions } from '../emulator/types.js';

const spec = findCommand('emulator') as CommandSpec;
const HELP_HINT = 'run `tcr-sigpolicy emulator --help` for the flags it takes';

export interface EmulatorFlags {
  readonly quiet: boolean;
  /** Everything startEmulator takes from the command line (credentials and the log come from elsewhere). */
  readonly options: EmulatorOptions;
}

/** Reads the emulator's flags; a bad value is a UsageError naming the flag and what it accepts. */
export function parseEmulatorFlags(argv: readonly string[]): EmulatorFlags {
  const { values, positionals } = parseFlags(spec, argv);
  if (positionals.length > 0) throw new UsageError(`emulator takes flags only, got: ${positionals.join(' ')}`, HELP_HINT);
  const number = (name: string): number | undefined => numberFlag(spec.options, values, name, 'emulator');
  const text = (name: string): string | undefined => stringFlag(values, name);
  const throttleRate = number('throttle-rate');
  const errorRate = number('error-rate');
  const dropRate = number('drop-rate');
  if ((throttleRate ?? 0) + (errorRate ?? 0) + (dropRate ?? 0) > 1) {
    throw new UsageError('--throttle-rate, --error-rate and --drop-rate must add up to at most 1', HELP_HINT);
  }
  if (text('host')?.trim() === '') throw new UsageError('--host must not be empty', HELP_HINT);
  if (text('seed')?.trim() === '') throw new UsageError('--seed needs a file path', HELP_HINT);
  const faultActions = text('fault-actions')?.split(',').map((a) => a.trim()).filter((a) => a !== '');
  const known = ROUTES.map((r) => r.action);
  const unknown = faultActions?.filter((a) => !known.includes(a)) ?? [];
  if (unknown.length > 0) {
    throw new UsageError(`--fault-actions names unknown actions: ${unknown.join(', ')}`, `Known actions: ${known.join(', ')}.`);
  }
  const options: EmulatorOptions = {
    port: number('port'),
    host: text('host'),
    seed: text('seed'),
    latencyMs: number('latency-ms'),
    jitterMs: number('jitter-ms'),
    effectOnArrival: values['effect-on-arrival'] === true ? true : undefined,
    throttleRate,
    errorRate,
    dropRate,
    faultSeed: number('fault-seed'),
    faultActions,
    offsetCountsPages: values['offset-pages'] === true ? true : undefined,
    repositoryNames: values['bare-repository-names'] === true ? 'bare' : undefined,
    pagesFromZero: values['pages-from-zero'] === true ? true : undefined,
    rateLimitAll: number('rate-limit-all'),
  };
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as EmulatorOptions;
  return { quiet: values.quiet === true, options: defined };
}
