import { COMMANDS, EMULATOR_NOTE, SEND_OPTIONS, type CommandSpec } from './command-specs.js';

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(1, width - text.length));

export function programHelp(version: string): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 3;
  return [
    'Create Tencent Container Registry image-signature policies: one with a guided wizard,',
    'or hundreds from a CSV through a queue that never exceeds the API rate limit.',
    '',
    'USAGE',
    '  tcr-sigpolicy                 the wizard (on a terminal)',
    '  tcr-sigpolicy <command> [flags]',
    '',
    'COMMANDS',
    ...COMMANDS.map((c) => `  ${pad(`${c.name}:`, width)}${c.summary}`),
    '',
    'FLAGS',
    '  --help             Show help for a command',
    '  --version          Show tcr-sigpolicy version',
    '',
    'WIZARD FLAGS (tcr-sigpolicy with no command)',
    ...(['region', 'endpoint', 'profile'] as const).map((name) => {
      const o = SEND_OPTIONS[name];
      return `  ${pad(`--${name} ${o?.value ?? ''}`, 19)}${o?.description ?? ''}`;
    }),
    '',
    'EXAMPLES',
    '  $ tcr-sigpolicy demo',
    '  $ tcr-sigpolicy template > policies.csv',
    '  $ tcr-sigpolicy batch policies.csv --dry-run',
    '',
    'ENVIRONMENT',
    '  TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_SESSION_TOKEN   credentials',
    '  TENCENTCLOUD_REGION   default region',
    '',
    'EXIT CODES',
    '  0    every row created, skipped, deleted or dry-run',
    '  1    a row failed, was not sent, or was invalid (blocked by the plan, or with --skip-invalid)',
    '  2    usage or input error; nothing was sent',
    '  70   a bug in tcr-sigpolicy (please report it with the lines it printed)',
    '  130  interrupted (Ctrl-C); every row\'s result is still written',
    '',
    'LEARN MORE',
    '  Use `tcr-sigpolicy <command> --help` for more information about a command.',
    `  tcr-sigpolicy ${version}`,
    '',
  ].join('\n');
}

export function commandHelp(spec: CommandSpec): string {
  const flags = Object.entries(spec.options).map(([name, o]) => {
    const short = o.short ? `-${o.short}, ` : '    ';
    return [`${short}--${name}${o.value ? ` ${o.value}` : ''}`, o.description] as const;
  });
  flags.push(['    --help', 'Show help for command']);
  const width = Math.max(...flags.map(([f]) => f.length)) + 2;
  return [
    spec.summary,
    ...(spec.description ? ['', spec.description] : []),
    '',
    'USAGE',
    `  ${spec.usage}`,
    '',
    'FLAGS',
    ...flags.map(([f, d]) => `  ${pad(f, width)}${d}`),
    '',
    'EXAMPLES',
    ...spec.examples.map((e) => `  $ ${e}`),
    ...(spec.examples.some((e) => e.includes('--endpoint http://127.0.0.1:9500')) ? ['', ...EMULATOR_NOTE.split('\n').map((l) => `  ${l}`)] : []),
    '',
  ].join('\n');
}
