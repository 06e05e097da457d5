/** The kinds of flag, their helpers and the flag sets several commands share: the parts the command table is built from. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** May be given more than once (the values are kept in order). */
  readonly multiple?: boolean;
  /** A number flag: what it accepts, checked by numberFlag (src/cli/parse-flags.ts). */
  readonly range?: NumberRange;
  readonly short?: string;
  /** Placeholder shown in help, e.g. FILE. */
  readonly value?: string;
  readonly description: string;
}

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly description?: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** What the command takes besides flags, for shell completion: file names, or one of these words. */
  readonly arguments?: 'files' | readonly string[];
  /** Shown as `$ ` lines, and run as written by test/examples.e2e.test.ts against the emulator (port 9500 as documented). */
  readonly examples: readonly string[];
}

/** Under EXAMPLES wherever one names the emulator's endpoint. */
export const EMULATOR_NOTE = '--endpoint http://127.0.0.1:9500 is `tcr-sigpolicy emulator` (paste the export lines it prints);\nleave it out to work on your account.';

export interface NumberRange {
  readonly min: number;
  readonly max: number;
  /** Whole numbers only. */
  readonly integer?: boolean;
}

export const str = (value: string, description: string, short?: string): OptionSpec => ({ type: 'string', value, description, short });
export const num = (value: string, description: string, range: NumberRange): OptionSpec => ({ type: 'string', value, description, range });
export const whole = (min: number, max: number): NumberRange => ({ min, max, integer: true });
export const bool = (description: string, short?: string): OptionSpec => ({ type: 'boolean', description, short });

/** Flags shared by everything that sends (or previews) CreateSignaturePolicy requests. */
export const SEND_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  region: str('R', 'region for rows without a Region value (default: $TENCENTCLOUD_REGION, then the tccli profile)'),
  endpoint: {
    ...str('URL', 'API endpoint (default https://tcr.tencentcloudapi.com; http://127.0.0.1:PORT for the emulator); {region} in it is each row\'s region; REGION=URL for one region, repeatable'),
    multiple: true,
  },
  redis: str('URL', 'share the rate budget with every other run on this Redis (default $TCR_SIGPOLICY_REDIS_URL)'),
  profile: str('NAME', "credentials and region from tccli's ~/.tccli/NAME.credential and NAME.configure (its role-arn too)"),
  'role-arn': str('ARN', 'reach another account through this CAM role (STS AssumeRole) for rows without a RoleArn (default $TENCENTCLOUD_ROLE_ARN); see docs/accounts.md'),
  'role-session-name': str('NAME', 'the role session name AssumeRole records (default tcr-sigpolicy; $TENCENTCLOUD_ROLE_SESSION_NAME)'),
  'use-cvm-role': bool("the base credentials are this CVM's CAM role (its metadata service)"),
  'dry-run': bool('validate and show exactly what would be sent; send nothing, need no credentials'),
  yes: bool('do not ask for confirmation (required for live runs off a terminal)', 'y'),
  out: str('FILE', 'export results; format from the extension: .csv, .json, .jsonl (never replaces a file without --force)'),
  force: bool('let --out replace an existing file; accept a --resume file from another input'),
  rate: num('N', 'requests per second, 1-20 (default 20)', whole(1, 20)),
  concurrency: num('N', 'requests in flight at most (default: enough to hold --rate)', whole(1, 200)),
  'max-attempts': num('N', 'attempts per row for retryable failures (default 5)', whole(1, 20)),
  resume: str('FILE', 'a results or journal file of an earlier run: rows created or skipped there are not sent again, unknown ones are checked'),
  'skip-invalid': bool('send the valid rows and report invalid ones as invalid, instead of refusing the file'),
  'no-preflight': bool('do not check registries, namespaces and KMS keys (read-only calls) before sending; a --dry-run whose check cannot run (refused credentials, no answer) exits 1 without it; see docs/plan.md'),
  json: bool('one JSON object per event on stdout'),
  'no-tui': bool('plain lines even on a terminal'),
  quiet: bool('only what needs attention (blocked, failed, not-sent rows) and the summary; no progress, no line per created row', 'q'),
};

/** Flags every command takes (read in src/cli.ts before the command's own; listed in each command's help). */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  lang: str('LANG', 'language of messages: en or zh-CN (default: from LC_ALL, LC_MESSAGES, LANG; zh_CN.UTF-8 is zh-CN)'),
  verbose: bool('every API request on stderr: action, region, endpoint, latency, RequestId, outcome; never a secret ($TCR_SIGPOLICY_DEBUG=1)'),
};

/** --role-arn repeatable, for the commands that cover several accounts in one table (status, discover --all-registries). */
export const ACCOUNTS_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  'role-arn': { ...str('ARN', 'also cover the account this CAM role reaches (repeatable; the base credentials\' account is always covered); see docs/accounts.md'), multiple: true },
  'role-session-name': SEND_OPTIONS['role-session-name'] as OptionSpec,
  'use-cvm-role': SEND_OPTIONS['use-cvm-role'] as OptionSpec,
};

/** What `tcr-sigpolicy` alone takes when it runs the wizard. */
export const WIZARD_FLAGS = ['region', 'endpoint', 'profile', 'role-arn', 'role-session-name'] as const;

/** Some of the send flags, for commands that take only those. */
export function pickSendOptions(...names: string[]): Record<string, OptionSpec> {
  return Object.fromEntries(names.map((name) => [name, SEND_OPTIONS[name] as OptionSpec]));
}
