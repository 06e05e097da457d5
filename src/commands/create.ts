import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { parseFlags } from '../cli/parse-flags.js';
import { readSendOptions } from '../cli/send-options.js';
import { UsageError } from '../core/errors.js';
import { t } from '../i18n/messages.js';
import { flagsToAnswers } from '../core/policy-answers.js';
import { sendOnePolicy } from './send-one-policy.js';

const spec = findCommand('create') as CommandSpec;

const REQUIRED_FLAGS = ['registry-id', 'namespace', 'name', 'kms-id', 'kms-region'];

export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(spec, argv);
  if (positionals.length > 0) throw new UsageError(t('cmd.flagsOnly', { command: 'create', args: positionals.join(' ') }), t('cmd.flagsOnlyHint', { command: 'create' }));
  const missing = REQUIRED_FLAGS.filter((f) => values[f] === undefined);
  if (missing.length > 0) {
    if (process.stdin.isTTY && process.stdout.isTTY) return (await import('./wizard.js')).runOnePolicyWizard(values);
    throw new UsageError(t('cmd.missing', { flags: missing.map((f) => `--${f}`).join(', ') }), t('create.missingHint'));
  }
  const options = readSendOptions(values, process.stdout.isTTY === true);
  // The region flag as given (untrimmed), as validateRow has always seen it.
  return sendOnePolicy({ ...flagsToAnswers(values), region: options.region }, options);
}
