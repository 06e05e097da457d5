/**
 * English messages: the source of the keys (MessageKey) and of each message's `{placeholders}`.
 * Grouped by the face that shows them. The command table's own help text stays in
 * src/cli/command-specs.ts; its Chinese mirror is ./zh-CN-help.ts.
 */
export const en = {
  // --help
  'help.intro': 'Create Tencent Container Registry image-signature policies: one with a guided wizard,\nor hundreds from a CSV through a queue that never exceeds the API rate limit.',
  'help.usage': 'USAGE',
  'help.wizardUsage': 'the wizard (on a terminal)',
  'help.commands': 'COMMANDS',
  'help.flags': 'FLAGS',
  'help.flagHelp': 'Show help for a command',
  'help.flagVersion': 'Show tcr-sigpolicy version',
  'help.wizardFlags': 'WIZARD FLAGS (tcr-sigpolicy with no command)',
  'help.examples': 'EXAMPLES',
  'help.environment': 'ENVIRONMENT',
  'help.envCredentials': 'credentials',
  'help.envRegion': 'default region',
  'help.envLang': 'language when --lang is not given (zh_CN.UTF-8: Simplified Chinese)',
  'help.exitCodes': 'EXIT CODES',
  'help.exit0': 'every row created, skipped, deleted or dry-run',
  'help.exit1': 'a row failed, was not sent, or was invalid (blocked by the plan, or with --skip-invalid)',
  'help.exit2': 'usage or input error; nothing was sent',
  'help.exit70': 'a bug in tcr-sigpolicy (please report it with the lines it printed)',
  'help.exit130': "interrupted (Ctrl-C); every row's result is still written",
  'help.learnMore': 'LEARN MORE',
  'help.learnMoreLine': 'Use `tcr-sigpolicy <command> --help` for more information about a command.',
  'help.commandFlagHelp': 'Show help for command',

  // errors and hints before a command runs (src/cli.ts, src/cli/parse-flags.ts, src/cli/report-failure.ts)
  'error.prefix': 'error: {message}',
  'error.hint': 'hint: {hint}',
  'error.bug': 'tcr-sigpolicy hit a bug; please report it with the lines below.',
  'error.badLang': "--lang '{value}': use en or zh-CN",
  'error.badLangHint': 'for example --lang zh-CN (or leave it out: LC_ALL, LC_MESSAGES and LANG decide)',
  'error.flagsWithoutCommand': '{flag} without a command runs the wizard, which needs a terminal',
  'error.flagsWithoutCommandHint': 'run `tcr-sigpolicy create --help` or `tcr-sigpolicy batch --help` for the flags that work without one',
  'error.unknownCommand': "unknown command '{command}'",
  'error.unknownCommandHint': 'run `tcr-sigpolicy --help` for the list of commands',
  'error.unknownCommandMeant': 'did you mean `tcr-sigpolicy {meant}`? run `tcr-sigpolicy --help` for the list of commands',
  'error.notInBuild': "'{command}' is not available in this build",
  'error.notInBuildHint': 'run `tcr-sigpolicy --help`',
  'error.flagsHint': 'run `tcr-sigpolicy {command}--help` for the flags it takes',
  'error.flagsMeant': 'did you mean --{meant}? ({help})',
  'error.wholeNumber': "--{flag} '{value}': use a whole number from {min} to {max}",
  'error.wholeNumberHint': 'for example --{flag} {example}',
} as const;
