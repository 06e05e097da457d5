/** Every command, its flags and its help, in one table that both the parser and --help read. Imports nothing heavy. */
import { ACCOUNTS_OPTIONS, bool, num, pickSendOptions, SEND_OPTIONS, str, whole, type CommandSpec, type OptionSpec } from './option-specs.js';

export { ACCOUNTS_OPTIONS, EMULATOR_NOTE, GLOBAL_OPTIONS, pickSendOptions, SEND_OPTIONS, WIZARD_FLAGS, type CommandSpec, type NumberRange, type OptionSpec } from './option-specs.js';

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
      disabled: bool('create the policy disabled (sends Disabled: true; it can be enabled later in the console)'),
      // One row: nothing to resume or to skip, and its own face rather than the dashboard.
      ...pickSendOptions('region', 'endpoint', 'profile', 'role-arn', 'role-session-name', 'use-cvm-role', 'dry-run', 'yes', 'out', 'rate', 'max-attempts', 'no-preflight', 'json'),
    },
    examples: [
      'tcr-sigpolicy create --registry-id tcr-f7g1ir99 --namespace payments --name payments-signing \\\n    --kms-id 0a9b8c7d-4b7d-11ee-9c3a-525400f7a8b9 --kms-region ap-singapore --region ap-singapore --dry-run',
      'tcr-sigpolicy create --registry-id tcr-f7g1ir99 --namespace checkout --name checkout-signing \\\n    --kms-id 0a9b8c7d-4b7d-11ee-9c3a-525400f7a8b9 --kms-region ap-singapore --region ap-singapore --endpoint http://127.0.0.1:9500 --yes',
    ],
  },
  {
    name: 'batch',
    summary: 'Create many policies from a CSV file',
    usage: 'tcr-sigpolicy batch FILE [flags]',
    description: 'FILE is a CSV with one row per namespace (see `tcr-sigpolicy template`); - reads standard input.\nEvery row is checked before anything is sent; with credentials, a preflight also reads the registries,\nnamespaces and KMS keys and sends only the rows that can work (docs/plan.md).',
    options: SEND_OPTIONS,
    arguments: 'files',
    examples: [
      'tcr-sigpolicy template > policies.csv',
      'tcr-sigpolicy batch policies.csv --dry-run',
      'tcr-sigpolicy discover --registry-id tcr-f7g1ir99 --region ap-singapore --kms-id 0a9b8c7d-4b7d-11ee-9c3a-525400f7a8b9 \\\n    --kms-region ap-singapore --endpoint http://127.0.0.1:9500 --out sg.csv',
      'tcr-sigpolicy batch sg.csv --endpoint http://127.0.0.1:9500 --yes --out results.csv',
      'tcr-sigpolicy batch sg.csv --endpoint http://127.0.0.1:9500 --yes --resume results.csv --out results-2.csv',
    ],
  },
  {
    name: 'discover',
    summary: "Write a batch CSV from a registry's namespaces (reads only)",
    usage: 'tcr-sigpolicy discover (--registry-id ID | --all-registries) --kms-id KEY --kms-region R [flags] [--out FILE]',
    description:
      "Lists the registry's namespaces (every page of DescribeNamespaces) and writes one row per namespace,\n" +
      'Region filled in, names from --name, each row checked like batch input. Review it, then run batch. See docs/plan.md.\n' +
      'With --all-registries: one CSV covering every Running registry the credentials see, in every region (docs/status.md).',
    options: {
      'registry-id': str('ID', 'TCR instance whose namespaces to list, e.g. tcr-f7g1ir99 (with --all-registries: only these, comma-separated)'),
      'all-registries': bool('every registry the credentials see, in every region (narrow with --region, --registry-id)'),
      region: str('R', "the registry's region (default: $TENCENTCLOUD_REGION, then the tccli profile; with --all-registries: only this region)"),
      match: str('GLOB', "keep only namespaces matching this glob, e.g. 'team-*' or '{payments,checkout}'"),
      exclude: str('GLOB', 'leave out namespaces matching this glob'),
      'unsigned-only': bool('leave out namespaces that already have a signature policy'),
      'kms-id': str('KEY', 'KMS key for every row (an Enabled ASYMMETRIC_SIGN_VERIFY_RSA_2048 key)'),
      'kms-region': str('R', "region of the KMS key ('' leaves KmsRegion empty: the registry region)"),
      name: str('TEMPLATE', 'policy name; {namespace}, {registry} and {region} are filled in (default {namespace}-signing)'),
      domain: str('HOST', 'custom signing domain for every row (default: none)'),
      out: str('FILE', 'write the CSV to FILE instead of standard output (never replaces a file without --force)'),
      force: bool('let --out replace an existing file'),
      json: bool('one JSON object per row on standard output (the CSV\'s columns as keys) instead of the CSV'),
      endpoint: SEND_OPTIONS.endpoint as OptionSpec,
      profile: SEND_OPTIONS.profile as OptionSpec,
      ...ACCOUNTS_OPTIONS,
    },
    examples: [
      'tcr-sigpolicy discover --registry-id tcr-f7g1ir99 --region ap-singapore --unsigned-only \\\n    --kms-id 0a9b8c7d-4b7d-11ee-9c3a-525400f7a8b9 --kms-region ap-singapore --endpoint http://127.0.0.1:9500 --out sg-unsigned.csv',
      "tcr-sigpolicy discover --registry-id tcr-ab12cd34 --region ap-guangzhou --match 'data.*' --exclude '*.warehouse' \\\n    --kms-id 6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3 --kms-region ap-guangzhou --endpoint http://127.0.0.1:9500",
      'tcr-sigpolicy discover --all-registries --unsigned-only --kms-id 6f1c0e2a-4b7d-11ee-9c3a-525400a1b2c3 \\\n    --kms-region ap-guangzhou --endpoint http://127.0.0.1:9500 --out unsigned.csv',
    ],
  },
  {
    name: 'status',
    summary: 'Signing coverage of every registry the credentials see (reads only)',
    usage: 'tcr-sigpolicy status [--region R] [--registry-id ID[,ID…]] [--json] [--out FILE]',
    description:
      'Lists every registry (DescribeInstances, every region unless --region) and reads every page of each\n' +
      "one's namespaces, with and without KmsSignPolicy: namespaces, signing, not signing, coverage, and totals.\n" +
      'Changes nothing. Exit 1 when some registry could not be read (the others are still shown). See docs/status.md.',
    options: {
      region: str('R', 'only the registries of this region (default: every region)'),
      'registry-id': str('ID', 'only these registries, comma-separated, e.g. tcr-f7g1ir99,tcr-ab12cd34'),
      endpoint: SEND_OPTIONS.endpoint as OptionSpec,
      profile: SEND_OPTIONS.profile as OptionSpec,
      ...ACCOUNTS_OPTIONS,
      json: bool('one JSON object per registry on stdout, instead of the table'),
      out: str('FILE', 'also write the figures to FILE: .csv or .json'),
      force: bool('let --out replace an existing file'),
      images: bool('image by image: per namespace, repositories, images, signed and unsigned (reads every tag; see docs/images.md)'),
    },
    examples: [
      'tcr-sigpolicy status --endpoint http://127.0.0.1:9500',
      'tcr-sigpolicy status --images --registry-id tcr-9x8y7z6w --endpoint http://127.0.0.1:9500',
      'tcr-sigpolicy status --region ap-guangzhou --endpoint http://127.0.0.1:9500 --out coverage.csv',
      'tcr-sigpolicy status --json --endpoint http://127.0.0.1:9500',
    ],
  },
  {
    name: 'sign-images',
    summary: 'Sign the images namespaces already hold (CreateSignature per unsigned tag)',
    usage: 'tcr-sigpolicy sign-images (--registry-id ID[,ID…] | --all-registries | --from RESULTS) [--namespace NS[,NS…]] [--repository GLOB] [--tag GLOB] [flags]',
    description:
      'A signature policy signs images pushed after it exists; the tags already there stay unsigned. This lists\n' +
      'every repository and tag in scope (DescribeRepositories, DescribeImages), plans each tag (sign: unsigned;\n' +
      'skip: signed already; blocked: no policy in its namespace, or a region without CreateSignature) and signs\n' +
      'the unsigned ones through the same queue, limits, journal and faces as batch. Signatures cannot be deleted.\n' +
      'See docs/images.md.',
    options: {
      'registry-id': str('ID', 'only these registries, comma-separated, e.g. tcr-f7g1ir99,tcr-ab12cd34'),
      'all-registries': bool('every registry the credentials see, in every region (narrow with --region)'),
      region: str('R', 'only the registries of this region (default: every region)'),
      namespace: str('NS', 'only these namespaces, comma-separated'),
      repository: str('GLOB', "only repositories whose name inside the namespace matches, e.g. 'images/*'"),
      tag: str('GLOB', "only tags matching, e.g. 'v1.*'"),
      from: str('RESULTS', "a batch's results or journal: sign the images of the namespaces it created or skipped"),
      'dry-run': bool('list and plan every tag and show what would be sent; send no CreateSignature (the listing needs credentials)'),
      resume: str('FILE', 'a journal or results file of an earlier sign-images run of the same scope: its signed tags are carried, its unknown ones read (KmsSignature) before any send'),
      ...pickSendOptions('endpoint', 'profile', 'redis', 'yes', 'out', 'force', 'rate', 'max-attempts', 'json', 'no-tui'),
      ...ACCOUNTS_OPTIONS,
    },
    examples: [
      'tcr-sigpolicy sign-images --registry-id tcr-9x8y7z6w --endpoint http://127.0.0.1:9500 --dry-run',
      "tcr-sigpolicy sign-images --registry-id tcr-9x8y7z6w --namespace catalog --repository 'images/*' --endpoint http://127.0.0.1:9500 --yes --out signed.csv",
    ],
  },
  {
    name: 'rollback',
    summary: 'Delete the policies a batch created, from its results file',
    usage: 'tcr-sigpolicy rollback RESULTS_FILE... [flags]',
    description:
      'RESULTS_FILE is a results export (.csv, .json, .jsonl) or journal of a batch; several may be given. Only rows recorded as\n' +
      'created are deleted (DeleteSignaturePolicy), through the same queue and limits; each ends deleted,\n' +
      'skipped (no policy left to delete), failed or not-sent. See docs/plan.md.',
    options: {
      endpoint: SEND_OPTIONS.endpoint as OptionSpec,
      profile: SEND_OPTIONS.profile as OptionSpec,
      ...pickSendOptions('role-arn', 'role-session-name', 'use-cvm-role'),
      'dry-run': bool('show exactly what would be deleted; send nothing, need no credentials'),
      yes: SEND_OPTIONS.yes as OptionSpec,
      out: str('FILE', "export the rollback's results; format from the extension: .csv, .json, .jsonl"),
      // rollback takes no --resume: its --force only lets --out replace a file.
      force: bool('let --out replace an existing file'),
      rate: SEND_OPTIONS.rate as OptionSpec,
      concurrency: SEND_OPTIONS.concurrency as OptionSpec,
      'max-attempts': SEND_OPTIONS['max-attempts'] as OptionSpec,
      json: SEND_OPTIONS.json as OptionSpec,
      'no-tui': SEND_OPTIONS['no-tui'] as OptionSpec,
      quiet: SEND_OPTIONS.quiet as OptionSpec,
    },
    arguments: 'files',
    examples: [
      'tcr-sigpolicy rollback results.csv --dry-run',
      'tcr-sigpolicy rollback results.csv --endpoint http://127.0.0.1:9500 --yes --out rollback.csv',
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
    description:
      'Serves the TCR and KMS calls this tool makes (TencentCloud API 3.0, TC3-HMAC-SHA256 signatures, the\n' +
      'documented rate limits and error codes) until Ctrl-C (exit 130) or SIGTERM (exit 0). The first line on\n' +
      'stdout is its endpoint; then the export lines of the demo pair and a command to paste. It accepts the\n' +
      'key pair in TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY when both are set, else the demo pair. Its\n' +
      'state, read-only: GET /_emulator/state on the same port. See docs/emulator.md.',
    options: {
      port: num('N', 'TCP port, 0 for any free one (default 9500)', whole(0, 65535)),
      host: str('ADDR', 'address to bind (default 127.0.0.1)'),
      seed: str('FILE', 'starting state as JSON (default: the bundled fixtures/emulator-seed.json)'),
      'latency-ms': num('N', 'add N ms to each faulted request (default 0)', { min: 0, max: 600_000 }),
      'jitter-ms': num('N', 'add up to N ms more, at random (default 0)', { min: 0, max: 600_000 }),
      'effect-on-arrival': bool('a faulted write changes state as it arrives, before its delay (default: when answered)'),
      'throttle-rate': num('F', 'answer this fraction RequestLimitExceeded, 0-1 (default 0)', { min: 0, max: 1 }),
      'error-rate': num('F', 'answer this fraction HTTP 503 (before the change) or 502 (after it), 0-1 (default 0)', { min: 0, max: 1 }),
      'drop-rate': num('F', 'close this fraction without an answer, half before and half after the change, 0-1', { min: 0, max: 1 }),
      'fault-seed': num('N', 'seed of the fault sequence, for runs that repeat exactly (default: random)', whole(0, 2 ** 32 - 1)),
      'fault-actions': str('LIST', 'comma-separated actions the faults apply to (default: the writes)'),
      'rate-limit-all': num('N', 'limit every action, reads included, to N requests/s per SecretId', whole(1, 100_000)),
      'offset-pages': bool('DescribeNamespaces counts Offset in pages, as its API reference says (default: items)'),
      'bare-repository-names': bool('DescribeRepositories names a repository without its namespace (busybox, not library/busybox)'),
      'pages-from-zero': bool('DescribeRepositories and DescribeImages count page numbers from 0 (default: from 1)'),
      quiet: bool('no per-request log lines on stderr'),
    },
    examples: [
      'tcr-sigpolicy emulator --port 9500',
      'tcr-sigpolicy batch fixtures/sample.csv --endpoint http://127.0.0.1:9500 --dry-run',
      'curl -s http://127.0.0.1:9500/_emulator/state',
    ],
  },
  {
    name: 'demo',
    summary: 'Rehearse a batch against a built-in emulator (no credentials, no network)',
    usage: 'tcr-sigpolicy demo [flags]',
    options: pickSendOptions('out', 'rate', 'json', 'no-tui'),
    examples: ['tcr-sigpolicy demo', 'tcr-sigpolicy demo --no-tui --out demo-results.csv'],
  },
  {
    name: 'completion',
    summary: 'Print the shell completion script for bash, zsh or fish',
    usage: 'tcr-sigpolicy completion bash|zsh|fish',
    description:
      'Generated from this command table: every command and flag, file names where a file is asked for.\n' +
      'bash: source <(tcr-sigpolicy completion bash) in ~/.bashrc; zsh: the same in ~/.zshrc, after compinit;\n' +
      'fish: tcr-sigpolicy completion fish > ~/.config/fish/completions/tcr-sigpolicy.fish',
    options: {},
    arguments: ['bash', 'zsh', 'fish'],
    examples: ['tcr-sigpolicy completion bash > tcr-sigpolicy.bash'],
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** Whether a command takes `--flag`. */
export function takesFlag(command: string, flag: string): boolean {
  return findCommand(command)?.options[flag] !== undefined;
}
