/** Every command, its flags and its help, in one table that both the parser and --help read. Imports nothing heavy. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
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
  readonly examples: readonly string[];
}

const str = (value: string, description: string, short?: string): OptionSpec => ({ type: 'string', value, description, short });
const bool = (description: string, short?: string): OptionSpec => ({ type: 'boolean', description, short });

/** Flags shared by everything that sends (or previews) CreateSignaturePolicy requests. */
export const SEND_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  region: str('R', 'region for rows without a Region value (default: $TENCENTCLOUD_REGION, then the tccli profile)'),
  endpoint: str('URL', 'API endpoint (default https://tcr.tencentcloudapi.com; http://127.0.0.1:PORT for the emulator)'),
  profile: str('NAME', "credentials and region from tccli's ~/.tccli/NAME.credential and NAME.configure"),
  'dry-run': bool('validate and show exactly what would be sent; send nothing, need no credentials'),
  yes: bool('do not ask for confirmation (required for live runs off a terminal)', 'y'),
  out: str('FILE', 'export results; format from the extension: .csv, .json, .jsonl'),
  rate: str('N', 'requests per second, 1-20 (default 20)'),
  concurrency: str('N', 'requests in flight at most (default: enough to hold --rate)'),
  'max-attempts': str('N', 'attempts per row for retryable failures (default 5)'),
  resume: str('FILE', 'a results or journal file of an earlier run: rows created or skipped there are not sent again'),
  'skip-invalid': bool('send the valid rows and report invalid ones as invalid, instead of refusing the file'),
  json: bool('one JSON object per event on stdout'),
  'no-tui': bool('plain lines even on a terminal'),
};

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'create',
    summary: 'Create one signature policy (prompts on a terminal for what is missing)',
    usage: 'tcr-sigpolicy create --registry-id ID --namespace NS --name NAME --kms-id KEY --kms-region R [flags]',
    options: {
      'registry-id': str('ID', 'TCR instance id, e.g. tcr-f7g1ir99'),
      namespace: str('NS', 'namespace to sign'),
      name: str('NAME', 'policy name'),
      'kms-id': str('KEY', 'KMS key id (an Enabled ASYMMETRIC_SIGN_VERIFY_RSA_2048 key)'),
      'kms-region': str('R', 'region of the KMS key (empty: the registry region)'),
      domain: str('HOST', 'custom domain for signing (default: the instance domain)'),
      disabled: bool('create the policy disabled'),
      ...SEND_OPTIONS,
    },
    examples: [
      'tcr-sigpolicy create --registry-id tcr-f7g1ir99 --namespace library --name library-signing \\\n    --kms-id 08408a30-0416-11ed-abdc-52540036b432 --kms-region ap-guangzhou --region ap-guangzhou --yes',
    ],
  },
  {
    name: 'batch',
    summary: 'Create many policies from a CSV file',
    usage: 'tcr-sigpolicy batch FILE [flags]',
    description: 'FILE is a CSV with one row per namespace (see `tcr-sigpolicy template`); - reads standard input.\nEvery row is checked before anything is sent.',
    options: SEND_OPTIONS,
    examples: [
      'tcr-sigpolicy batch policies.csv --dry-run',
      'tcr-sigpolicy batch policies.csv --region ap-guangzhou --out results.csv --yes',
      'tcr-sigpolicy batch policies.csv --resume results.csv --out results-2.csv',
    ],
  },
  {
    name: 'template',
    summary: 'Print a CSV template (header and one example row)',
    usage: 'tcr-sigpolicy template > policies.csv',
    options: {},
    examples: ['tcr-sigpolicy template > policies.csv'],
  },
  {
    name: 'emulator',
    summary: 'Run the local TCR API emulator on loopback',
    usage: 'tcr-sigpolicy emulator [flags]',
    description: 'Serves the TCR and KMS calls this tool makes, signed and rate-limited like the real API. See docs/emulator.md.',
    options: {},
    examples: ['tcr-sigpolicy emulator --port 9500', 'tcr-sigpolicy batch policies.csv --endpoint http://127.0.0.1:9500 --yes'],
  },
  {
    name: 'demo',
    summary: 'Rehearse a batch against a built-in emulator (no credentials, no network)',
    usage: 'tcr-sigpolicy demo [flags]',
    options: {
      out: SEND_OPTIONS.out as OptionSpec,
      rate: SEND_OPTIONS.rate as OptionSpec,
      json: SEND_OPTIONS.json as OptionSpec,
      'no-tui': SEND_OPTIONS['no-tui'] as OptionSpec,
    },
    examples: ['tcr-sigpolicy demo', 'tcr-sigpolicy demo --no-tui --out demo-results.csv'],
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
