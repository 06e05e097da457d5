import type { Endpoints } from '../core/endpoint.js';
import { SEND_OPTIONS } from './command-specs.js';
import { endpointsFlag, numberFlag, stringFlag, type FlagValues } from './parse-flags.js';
import { checkWritable, type OutGuard } from '../services/export-results.js';
import { debugWanted } from '../services/traffic/request-log.js';

/** The flags shared by `create` and `batch`, checked and typed. */
export interface SendOptions {
  readonly region?: string;
  readonly endpoint: Endpoints;
  /** Redis that shares the rate budget with other runs (--redis, TCR_SIGPOLICY_REDIS_URL). */
  readonly redis?: string;
  readonly profile?: string;
  readonly dryRun: boolean;
  readonly yes: boolean;
  readonly out?: string;
  readonly rate: number;
  readonly concurrency?: number;
  readonly maxAttempts: number;
  readonly resume?: string;
  /** Let --out replace an existing file; use a --resume file that does not match the input. */
  readonly force: boolean;
  readonly skipInvalid: boolean;
  /** Check registries, namespaces and keys read-only before sending (off with --no-preflight). */
  readonly preflight: boolean;
  readonly json: boolean;
  /** Plain lines instead of the dashboard (asked for, stdout is not a terminal, or a dumb one). */
  readonly plain: boolean;
  /** Only what needs attention and the summary (--quiet; plain lines). */
  readonly quiet?: boolean;
}

/** `reads`: the files the command reads, which --out must never replace. */
export function readSendOptions(values: FlagValues, stdoutIsTty: boolean, reads: Omit<OutGuard, 'force'> = {}, env: NodeJS.ProcessEnv = process.env): SendOptions {
  const out = stringFlag(values, 'out');
  const force = values.force === true;
  if (out) checkWritable(out, { ...reads, force });
  return {
    region: stringFlag(values, 'region'),
    endpoint: endpointsFlag(values),
    redis: stringFlag(values, 'redis') ?? (process.env.TCR_SIGPOLICY_REDIS_URL || undefined),
    profile: stringFlag(values, 'profile'),
    dryRun: values['dry-run'] === true,
    yes: values.yes === true,
    out,
    rate: numberFlag(SEND_OPTIONS, values, 'rate') ?? 20,
    concurrency: numberFlag(SEND_OPTIONS, values, 'concurrency'),
    maxAttempts: numberFlag(SEND_OPTIONS, values, 'max-attempts') ?? 5,
    resume: stringFlag(values, 'resume'),
    force,
    skipInvalid: values['skip-invalid'] === true,
    preflight: values['no-preflight'] !== true,
    json: values.json === true,
    quiet: values.quiet === true,
    // A dumb terminal cannot move the cursor, which every dashboard frame does.
    // Nor can it share the terminal with --verbose's request lines.
    plain: values['no-tui'] === true || values.json === true || !stdoutIsTty || env.TERM === 'dumb' || debugWanted(env) || values.quiet === true,
  };
}
