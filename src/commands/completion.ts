import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { SHELLS, completionScript, type Shell } from '../cli/completion-script.js';
import { parseFlags } from '../cli/parse-flags.js';
import { UsageError } from '../core/errors.js';
import { t } from '../i18n/messages.js';

/** `tcr-sigpolicy completion bash|zsh|fish`: the script on stdout, for the shell to load. */
export async function run(argv: readonly string[]): Promise<number> {
  const { positionals } = parseFlags(findCommand('completion') as CommandSpec, argv);
  const [shell, ...extra] = positionals;
  if (shell === undefined) throw new UsageError(t('completion.needsShell'), t('completion.hint'));
  if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(t('completion.unknownShell', { shell }), t('completion.hint'));
  if (extra.length > 0) throw new UsageError(t('cmd.noArguments', { command: 'completion', args: extra.join(' ') }), t('completion.hint'));
  process.stdout.write(completionScript(shell as Shell));
  return 0;
}
