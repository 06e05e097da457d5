import { DEFAULT_ENDPOINT, parseEndpoint, type Endpoint } from '../core/endpoint.js';
import { intFlag, stringFlag, type FlagValues } from './parse-flags.js';
import { checkWritable } from '../services/export-results.js';

/** The flags shared by `create` and `batch`, checked and typed. */
export interface SendOptions {
  readonly region?: string;
  readonly endpoint: Endpoint;
  readonly profile?: string;
  readonly dryRun: boolean;
  readonly yes: boolean;
  readonly out?: string;
  readonly rate: number;
  readonly concurrency?: number;
  readonly maxAttempts: number;
  readonly resume?: string;
  readonly skipInvalid: boolean;
  /** Check registries, namespaces and keys read-only before sending (off with --no-preflight). */
  readonly preflight: boolean;
  readonly json: boolean;
  /** Plain lines instead of the dashboard (asked for, stdout is not a terminal, or a dumb one). */
  readonly plain: boolean;
}

export function readSendOptions(values: FlagValues, stdoutIsTty: boolean, env: NodeJS.ProcessEnv = process.env): SendOptions {
  const out = stringFlag(values, 'out');
  if (out) checkWritable(out);
  return {
    region: stringFlag(values, 'region'),
    endpoint: parseEndpoint(stringFlag(values, 'endpoint') ?? DEFAULT_ENDPOINT),
    profile: stringFlag(values, 'profile'),
    dryRun: values['dry-run'] === true,
    yes: values.yes === true,
    out,
    rate: intFlag(values, 'rate', 1, 20, 20),
    concurrency: intFlag(values, 'concurrency', 1, 200),
    maxAttempts: intFlag(values, 'max-attempts', 1, 20, 5),
    resume: stringFlag(values, 'resume'),
    skipInvalid: values['skip-invalid'] === true,
    preflight: values['no-preflight'] !== true,
    json: values.json === true,
    // A dumb terminal cannot move the cursor, which every dashboard frame does.
    plain: values['no-tui'] === true || values.json === true || !stdoutIsTty || env.TERM === 'dumb',
  };
}
