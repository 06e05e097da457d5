import type { RunContext } from '../core/command-line.js';
import { GLOBAL_OPTIONS, takesFlag } from './command-specs.js';
import type { Endpoints } from '../core/endpoint.js';
import { langFromLocale, language } from '../i18n/messages.js';

/** What a command was run with, as far as the commands it prints must repeat it. */
export interface ContextSource {
  readonly endpoint?: Endpoints;
  readonly profile?: string;
  /** The region rows without one went to (the flag, else the environment's or the profile's). */
  readonly region?: string;
}

/**
 * The run's context for `commandLine`: the endpoints as given, the profile, the region, and the
 * language when --lang chose one the locale would not (a pasted line in the same shell gets the rest).
 */
export function runContext(used: ContextSource, env: NodeJS.ProcessEnv = process.env): RunContext {
  const lang = language();
  return { endpoint: used.endpoint?.given, profile: used.profile, region: used.region, lang: lang === langFromLocale(env) ? undefined : lang };
}

/** The part of a context a command takes (rollback has no --region): what `commandLine` may add to its words. */
export function contextFor(command: string, context: RunContext): RunContext {
  return Object.fromEntries(Object.entries(context).filter(([flag]) => GLOBAL_OPTIONS[flag] !== undefined || takesFlag(command, flag)));
}
