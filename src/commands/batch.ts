import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { parseFlags } from '../cli/parse-flags.js';
import { readSendOptions } from '../cli/send-options.js';
import { UsageError } from '../core/errors.js';
import { CREATE_POLICY } from '../services/policy-operations.js';
import { defaultRegion } from '../services/default-region.js';
import { readTccliProfile } from '../services/tccli-profile.js';
import { loadRows } from './load-rows.js';
import { sendRows } from './send-rows.js';
import { t } from '../i18n/messages.js';

const spec = findCommand('batch') as CommandSpec;

export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(spec, argv);
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError(t('batch.needsFile'), t('batch.needsFileHint'));
  if (extra.length > 0) throw new UsageError(t('batch.oneFile', { args: extra.join(' ') }), t('batch.oneFileHint'));
  const options = readSendOptions(values, process.stdout.isTTY === true, { inputs: [file], what: t('out.inputFile') });
  // A --profile is read even when --region makes its region moot: naming a missing one is an error at once.
  readTccliProfile(options.profile);
  const region = defaultRegion(options.region, options.profile);
  const { intake, invalidResults } = await loadRows(file, region, options.skipInvalid, process.stderr);
  // The region the rows defaulted to travels with the options: the printed commands repeat it.
  return sendRows({ rows: intake.rows, settled: invalidResults, options: { ...options, region }, confirm: true, input: file, operation: CREATE_POLICY, rerun: ['batch', ...argv] });
}
