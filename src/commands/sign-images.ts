import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { parseFlags } from '../cli/parse-flags.js';
import { UsageError } from '../core/errors.js';
import { interactive } from './interactive.js';
import { readSignImagesFlags } from './sign-images-flags.js';
import { accountsToList, signImageScope } from './sign-image-scope.js';
import { t } from '../i18n/messages.js';

const spec = findCommand('sign-images') as CommandSpec;

/**
 * Signs the images namespaces already hold: lists the tags in scope in every account (reads), plans each
 * one (sign, skip, blocked), asks, then sends one CreateSignature per unsigned tag through the one engine,
 * each through its own account.
 */
export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(spec, argv);
  if (positionals.length > 0) throw new UsageError(t('cmd.flagsOnly', { command: 'sign-images', args: positionals.join(' ') }), t('cmd.flagsOnlyHint', { command: 'sign-images' }));
  const flags = readSignImagesFlags(values, Boolean(process.stdout.isTTY));
  const { send } = flags;
  const accounts = await accountsToList(flags.scope, send, flags.from);
  if (!send.dryRun && !send.yes && !interactive()) throw new UsageError(t('run.needsYes'), t('run.needsYesHint'));
  return signImageScope({ flags, accounts, rerun: ['sign-images', ...argv] });
}
