import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { parseFlags } from '../cli/parse-flags.js';
import { UsageError } from '../core/errors.js';
import { INPUT_COLUMNS } from '../core/policy-row.js';
import { t } from '../i18n/messages.js';

/** Header and one example row, taken from the API's own documented example. */
export const TEMPLATE_CSV = [
  ['Region', 'RegistryId', 'NamespaceName', 'Name', 'KmsId', 'KmsRegion', 'Domain', 'Disabled'],
  ['ap-guangzhou', 'tcr-f7g1ir99', 'library', 'library-signing', '08408a30-0416-11ed-abdc-52540036b432', 'ap-guangzhou', '', 'false'],
]
  .map((r) => r.join(','))
  .join('\n');

export async function run(argv: readonly string[] = []): Promise<number> {
  // It takes no flags: a flag it would ignore (--json, --out) is a mistake to say, not to skip.
  const { positionals } = parseFlags(findCommand('template') as CommandSpec, argv);
  if (positionals.length > 0) throw new UsageError(t('cmd.noArguments', { command: 'template', args: positionals.join(' ') }), t('cmd.flagsOnlyHint', { command: 'template' }));
  // Every input column must be in the template; a test checks the header against INPUT_COLUMNS too.
  if (INPUT_COLUMNS.length !== TEMPLATE_CSV.split('\n')[0]?.split(',').length) throw new Error('template is missing a column');
  process.stdout.write(`${TEMPLATE_CSV}\n`);
  return 0;
}
