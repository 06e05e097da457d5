import { parseArgs } from 'node:util';
import { parseEndpoints, type Endpoints } from '../core/endpoint.js';
import { UsageError } from '../core/errors.js';
import { t } from '../i18n/messages.js';
import type { CommandSpec, OptionSpec } from './command-specs.js';
import { closest } from './suggest.js';

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

/** Parses argv against a command's flag table; any mistake is a usage error pointing at the command's help. */
export function parseFlags(spec: CommandSpec, argv: readonly string[]): { values: FlagValues; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]),
  );
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: values as FlagValues, positionals };
  } catch (error) {
    const raw = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    const message = localParseError(raw);
    const help = t('error.flagsHint', { command: spec.name ? `${spec.name} ` : '' });
    const unknown = /^Unknown option '--?([^']+)'/.exec(raw)?.[1];
    const meant = unknown === undefined ? undefined : closest(unknown, Object.keys(spec.options));
    throw new UsageError(message, meant ? t('error.flagsMeant', { meant, help }) : help);
  }
}

/** node's own words for the three mistakes people make, in the run's language; anything else as node says it. */
function localParseError(message: string): string {
  const unknown = /^Unknown option '([^']+)'$/.exec(message)?.[1];
  if (unknown !== undefined) return t('args.unknown', { option: unknown });
  const missing = /^Option '([^']+)' argument missing$/.exec(message)?.[1];
  if (missing !== undefined) return t('args.missing', { option: missing });
  const noValue = /^Option '([^']+)' does not take an argument$/.exec(message)?.[1];
  return noValue === undefined ? message : t('args.noValue', { option: noValue });
}

/**
 * A number flag checked against the range its OptionSpec declares: undefined when absent, else the
 * value, or a usage error saying what it accepts.
 */
export function numberFlag(options: Readonly<Record<string, OptionSpec>>, values: FlagValues, name: string, command?: string): number | undefined {
  const range = options[name]?.range;
  if (!range) throw new Error(`--${name} is not a number flag`);
  const raw = values[name];
  if (raw === undefined) return undefined;
  const text = String(raw);
  const value = Number(text);
  if (typeof raw !== 'string' || text.trim() === '' || !Number.isFinite(value) || (range.integer && !Number.isInteger(value)) || value < range.min || value > range.max) {
    const problem = { flag: name, min: range.min, max: range.max, value: text };
    throw new UsageError(
      t(range.integer ? 'error.rangeWhole' : 'error.rangeNumber', problem),
      command ? t('error.rangeHelp', { command }) : t('error.rangeHint', { flag: name, example: range.max }),
    );
  }
  return value;
}

export function stringFlag(values: FlagValues, name: string): string | undefined {
  const raw = values[name];
  return typeof raw === 'string' ? raw : undefined;
}

/** Every value of a flag that may be repeated, in order. */
export function listFlag(values: FlagValues, name: string): string[] {
  const raw = values[name];
  return Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
}

/** Where calls go: --endpoint (repeatable, REGION=URL, {region}), the public endpoint by default. */
export function endpointsFlag(values: FlagValues): Endpoints {
  return parseEndpoints(listFlag(values, 'endpoint'));
}
