import { COMMANDS, GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from './command-specs.js';
import { helpText } from './render-help.js';
import { t } from '../i18n/messages.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Languages --lang takes, offered as its values. */
const LANGS = ['en', 'zh-CN'];
const PROGRAM = 'tcr-sigpolicy';

/**
 * The shell's completion script, generated from the command table (src/cli/command-specs.ts), so a
 * command or a flag added there is offered without touching this file: the commands with their summaries,
 * each command's flags (and the global ones), files after flags whose value is a FILE and for commands
 * whose arguments are files, the languages after --lang, and a command's own words (`completion bash`).
 */
export function completionScript(shell: Shell, commands: readonly CommandSpec[] = COMMANDS, globals = GLOBAL_OPTIONS): string {
  if (shell === 'bash') return bashScript(commands, globals);
  if (shell === 'zsh') return zshScript(commands, globals);
  return fishScript(commands, globals);
}

/** A flag, and what the menu says of it (in the run's language, as --help says it). */
type Flag = readonly [name: string, spec: OptionSpec, said: string];
const flagsOf = (command: CommandSpec | undefined, options: Readonly<Record<string, OptionSpec>>): Flag[] =>
  Object.entries(options).map(([name, o]) => [name, o, helpText().option(command, name, o)]);
const allFlags = (command: CommandSpec, globals: Readonly<Record<string, OptionSpec>>): Flag[] => [...flagsOf(command, command.options), ...flagsOf(undefined, globals)];
/** The comment heading a script: how to load it. */
const LOAD = { bash: 'completion.loadBash', zsh: 'completion.loadZsh', fish: 'completion.loadFish' } as const;
const header = (shell: Shell): string => `# ${t('completion.header', { shell, command: [PROGRAM, 'completion', shell].join(' ') })} ${t(LOAD[shell])}`;
const takesFile = (spec: OptionSpec): boolean => spec.type === 'string' && /FILE/.test(spec.value ?? '');
/** The first line of a description, as a completion menu shows one line. */
const oneLine = (text: string): string => text.split('\n')[0]?.trim() ?? '';

function bashScript(commands: readonly CommandSpec[], globals: Readonly<Record<string, OptionSpec>>): string {
  const words = (list: readonly string[]): string => list.join(' ');
  const fileFlags = new Set(commands.flatMap((c) => allFlags(c, globals).filter(([, o]) => takesFile(o)).map(([n]) => `--${n}`)));
  const cases = commands.map((c) => {
    const flags = allFlags(c, globals).flatMap(([n, o]) => [`--${n}`, ...(o.short ? [`-${o.short}`] : [])]);
    const args = c.arguments === 'files' ? 'files=1' : c.arguments ? `args="${words(c.arguments)}"` : '';
    return `    ${c.name}) flags="${words([...flags, '--help'])}"${args ? `; ${args}` : ''} ;;`;
  });
  return `${header('bash')}
_tcr_sigpolicy() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=( $(compgen -W "${words([...commands.map((c) => c.name), '--help', '--version', ...Object.keys(globals).map((n) => `--${n}`)])}" -- "$cur") )
    return
  fi
  case "$prev" in
    --lang) COMPREPLY=( $(compgen -W "${words(LANGS)}" -- "$cur") ); return ;;
    ${[...fileFlags].join('|') || '--no-file-flag'}) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
  esac
  local flags="" args="" files=""
  case "\${COMP_WORDS[1]}" in
${cases.join('\n')}
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=( $(compgen -W "$flags" -- "$cur") )
  elif [[ -n $args ]]; then
    COMPREPLY=( $(compgen -W "$args" -- "$cur") )
  elif [[ -n $files ]]; then
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}
complete -o filenames -F _tcr_sigpolicy ${PROGRAM}
`;
}

/** Text in a single-quoted zsh word. */
const zshQuoted = (text: string): string => oneLine(text).replace(/'/g, "'\\''");
/** An `_arguments` explanation (inside `[…]`): its brackets and backslashes escaped, then quoted. */
const zshText = (text: string): string => zshQuoted(oneLine(text).replace(/([[\]\\])/g, '\\$1'));

function zshFlag([name, spec, said]: Flag): string[] {
  const help = `[${zshText(said)}]`;
  const value = spec.type === 'boolean' ? '' : name === 'lang' ? `:${spec.value}:(${LANGS.join(' ')})` : takesFile(spec) ? `:${spec.value}:_files` : `:${spec.value ?? 'VALUE'}:`;
  const repeat = spec.multiple ? '*' : '';
  return [`'${repeat}--${name}${help}${value}'`, ...(spec.short ? [`'${repeat}-${spec.short}${help}${value}'`] : [])];
}

function zshScript(commands: readonly CommandSpec[], globals: Readonly<Record<string, OptionSpec>>): string {
  const described = commands.map((c) => `    '${c.name}:${zshQuoted(helpText().summary(c))}'`);
  const cases = commands.map((c) => {
    const args = c.arguments === 'files' ? ["'*:file:_files'"] : c.arguments ? [`'1:argument:(${c.arguments.join(' ')})'`] : [];
    return `    ${c.name}) _arguments ${[...allFlags(c, globals).flatMap(zshFlag), `'--help[${zshText(t('help.commandFlagHelp'))}]'`, ...args].join(' \\\n        ')} ;;`;
  });
  return `#compdef ${PROGRAM}
${header('zsh')}
_tcr_sigpolicy() {
  local -a commands
  commands=(
${described.join('\n')}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'command' commands
    return
  fi
  words=("\${(@)words[2,-1]}")
  (( CURRENT-- ))
  case $words[1] in
${cases.join('\n')}
  esac
}
compdef _tcr_sigpolicy ${PROGRAM}
`;
}

/** A fish argument in single quotes. */
const fishText = (text: string): string => `'${oneLine(text).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fishScript(commands: readonly CommandSpec[], globals: Readonly<Record<string, OptionSpec>>): string {
  const c = `complete -c ${PROGRAM}`;
  const lines = [
    header('fish'),
    `${c} -f`,
    ...commands.map((cmd) => `${c} -n __fish_use_subcommand -a ${cmd.name} -d ${fishText(helpText().summary(cmd))}`),
    `${c} -n __fish_use_subcommand -l version -d ${fishText(t('help.flagVersion'))}`,
  ];
  const flagLine = (condition: string, [name, spec, said]: Flag): string => {
    const value = spec.type === 'boolean' ? '' : name === 'lang' ? ` -x -a '${LANGS.join(' ')}'` : takesFile(spec) ? ' -r -F' : ' -x';
    return `${c}${condition} -l ${name}${spec.short ? ` -s ${spec.short}` : ''}${value} -d ${fishText(said)}`;
  };
  lines.push(...flagsOf(undefined, globals).map((flag) => flagLine('', flag)), `${c} -l help -d ${fishText(t('help.commandFlagHelp'))}`);
  for (const cmd of commands) {
    const when = ` -n '__fish_seen_subcommand_from ${cmd.name}'`;
    lines.push(...flagsOf(cmd, cmd.options).map((flag) => flagLine(when, flag)));
    if (cmd.arguments === 'files') lines.push(`${c}${when} -F`);
    else if (cmd.arguments) lines.push(`${c}${when} -a '${cmd.arguments.join(' ')}'`);
  }
  return `${lines.join('\n')}\n`;
}
