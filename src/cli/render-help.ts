import { shellQuote } from '../core/command-line.js';
import { helpMirror, t, type HelpMirror } from '../i18n/messages.js';
import { pathFrom, SAMPLE_CSV } from '../services/bundled-sample.js';
import { COMMANDS, EMULATOR_NOTE, GLOBAL_OPTIONS, SEND_OPTIONS, WIZARD_FLAGS, type CommandSpec, type OptionSpec } from './command-specs.js';

/**
 * An example naming the sample CSV names the copy installed with the tool, as a path from where the
 * user is (`fixtures/sample.csv` in the clone): installed from npm, there is no fixtures/ folder there.
 */
const withBundledSample = (example: string): string => example.replaceAll('fixtures/sample.csv', shellQuote(pathFrom(process.cwd(), SAMPLE_CSV)));

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(1, width - text.length));

export function programHelp(version: string): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 3;
  const help = helpText();
  return [
    t('help.intro'),
    '',
    t('help.usage'),
    `  tcr-sigpolicy                 ${t('help.wizardUsage')}`,
    '  tcr-sigpolicy <command> [flags]',
    '',
    t('help.commands'),
    ...COMMANDS.map((c) => `  ${pad(`${c.name}:`, width)}${help.summary(c)}`),
    '',
    t('help.flags'),
    `  --help             ${t('help.flagHelp')}`,
    `  --version          ${t('help.flagVersion')}`,
    ...Object.entries(GLOBAL_OPTIONS).map(([name, o]) => `  ${pad(`--${name} ${o.value ?? ''}`, 19)}${help.option(undefined, name, o)}`),
    '',
    t('help.wizardFlags'),
    ...WIZARD_FLAGS.map((name) => {
      const o = SEND_OPTIONS[name];
      return `  ${pad(`--${name} ${o?.value ?? ''}`, 19)}${o ? help.option(undefined, name, o) : ''}`;
    }),
    '',
    t('help.examples'),
    '  $ tcr-sigpolicy demo',
    '  $ tcr-sigpolicy template > policies.csv',
    '  $ tcr-sigpolicy batch policies.csv --dry-run',
    '',
    t('help.environment'),
    `  TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_SESSION_TOKEN (or TENCENTCLOUD_TOKEN)   ${t('help.envCredentials')}`,
    `  TENCENTCLOUD_REGION   ${t('help.envRegion')}`,
    `  LC_ALL, LC_MESSAGES, LANG   ${t('help.envLang')}`,
    `  TCR_SIGPOLICY_REDIS_URL   ${t('help.envRedis')}`,
    `  TCR_SIGPOLICY_DEBUG=1   ${t('help.envDebug')}`,
    '',
    t('help.exitCodes'),
    `  0    ${t('help.exit0')}`,
    `  1    ${t('help.exit1')}`,
    `  2    ${t('help.exit2')}`,
    `  70   ${t('help.exit70')}`,
    `  130  ${t('help.exit130')}`,
    '',
    t('help.learnMore'),
    `  ${t('help.learnMoreLine')}`,
    `  tcr-sigpolicy ${version}`,
    '',
  ].join('\n');
}

export function commandHelp(spec: CommandSpec): string {
  const help = helpText();
  const options = { ...spec.options, ...GLOBAL_OPTIONS };
  const flags = Object.entries(options).map(([name, o]) => {
    const short = o.short ? `-${o.short}, ` : '    ';
    return [`${short}--${name}${o.value ? ` ${o.value}` : ''}`, help.option(spec, name, o)] as const;
  });
  flags.push(['    --help', t('help.commandFlagHelp')]);
  const width = Math.max(...flags.map(([f]) => f.length)) + 2;
  const description = help.description(spec);
  return [
    help.summary(spec),
    ...(description ? ['', description] : []),
    '',
    t('help.usage'),
    `  ${spec.usage}`,
    '',
    t('help.flags'),
    ...flags.map(([f, d]) => `  ${pad(f, width)}${d}`),
    '',
    t('help.examples'),
    ...spec.examples.map((e) => `  $ ${withBundledSample(e)}`),
    ...(spec.examples.some((e) => e.includes('--endpoint http://127.0.0.1:9500')) ? ['', ...help.emulatorNote().split('\n').map((l) => `  ${l}`)] : []),
    '',
  ].join('\n');
}

const sharedOption = (name: string): OptionSpec | undefined => SEND_OPTIONS[name] ?? GLOBAL_OPTIONS[name];

/** The help text of the command table in the run's language: English is the table itself. */
export function helpText(mirror: HelpMirror | undefined = helpMirror()) {
  return {
    summary: (spec: CommandSpec): string => mirror?.commands[spec.name]?.summary ?? spec.summary,
    description: (spec: CommandSpec): string | undefined =>
      spec.description === undefined ? undefined : mirror?.commands[spec.name]?.description ?? spec.description,
    option(spec: CommandSpec | undefined, name: string, o: OptionSpec): string {
      const own = spec ? mirror?.commands[spec.name]?.options?.[name] : undefined;
      const shared = sharedOption(name)?.description === o.description ? mirror?.options[name] : undefined;
      return own ?? shared ?? o.description;
    },
    emulatorNote: (): string => mirror?.emulatorNote ?? EMULATOR_NOTE,
  };
}
