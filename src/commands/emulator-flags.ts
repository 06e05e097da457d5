import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { numberFlag, parseFlags, stringFlag } from '../cli/parse-flags.js';
import { UsageError } from '../core/errors.js';
import { ROUTES } from '../emulator/router.js';
import type { EmulatorOptions } from '../emulator/types.js';
import { t } from '../i18n/messages.js';

const spec = findCommand('emulator') as CommandSpec;

export interface EmulatorFlags {
  readonly quiet: boolean;
  /** Everything startEmulator takes from the command line (credentials and the log come from elsewhere). */
  readonly options: EmulatorOptions;
}

/** Reads the emulator's flags; a bad value is a UsageError naming the flag and what it accepts. */
export function parseEmulatorFlags(argv: readonly string[]): EmulatorFlags {
  const { values, positionals } = parseFlags(spec, argv);
  const helpHint = t('cmd.flagsOnlyHint', { command: 'emulator' });
  if (positionals.length > 0) throw new UsageError(t('cmd.flagsOnly', { command: 'emulator', args: positionals.join(' ') }), helpHint);
  const number = (name: string): number | undefined => numberFlag(spec.options, values, name, 'emulator');
  const text = (name: string): string | undefined => stringFlag(values, name);
  const throttleRate = number('throttle-rate');
  const errorRate = number('error-rate');
  const dropRate = number('drop-rate');
  if ((throttleRate ?? 0) + (errorRate ?? 0) + (dropRate ?? 0) > 1) {
    throw new UsageError(t('emulator.ratesOverOne'), helpHint);
  }
  if (text('host')?.trim() === '') throw new UsageError(t('emulator.emptyHost'), helpHint);
  if (text('seed')?.trim() === '') throw new UsageError(t('emulator.emptySeed'), helpHint);
  const faultActions = text('fault-actions')?.split(',').map((a) => a.trim()).filter((a) => a !== '');
  const known = ROUTES.map((r) => r.action);
  const unknown = faultActions?.filter((a) => !known.includes(a)) ?? [];
  if (unknown.length > 0) {
    throw new UsageError(t('emulator.unknownActions', { actions: unknown.join(', ') }), t('emulator.knownActions', { actions: known.join(', ') }));
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
