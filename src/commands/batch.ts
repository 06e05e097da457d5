import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { parseFlags } from '../cli/parse-flags.js';
import { readSendOptions } from '../cli/send-options.js';
import { UsageError } from '../core/errors.js';
import { exitCodeFor } from '../core/exit-code.js';
import { countStatuses } from '../core/result.js';
import { exportResults } from '../services/export-results.js';
import { readTccliProfile } from '../services/tccli-profile.js';
import { createJsonReporter } from '../ui/json-reporter.js';
import { createPlainReporter } from '../ui/plain-reporter.js';
import { loadRows } from './load-rows.js';
import { runDryRun } from './dry-run.js';

const spec = findCommand('batch') as CommandSpec;

export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(spec, argv);
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('batch needs a CSV file', 'run `tcr-sigpolicy batch policies.csv` (or - for standard input); `tcr-sigpolicy template` prints one to start from');
  if (extra.length > 0) throw new UsageError(`batch takes one file, got also: ${extra.join(' ')}`, 'quote paths that contain spaces');
  const options = readSendOptions(values, process.stdout.isTTY === true);
  const profile = readTccliProfile(options.profile);
  const region = options.region ?? process.env.TENCENTCLOUD_REGION ?? profile?.region;
  const { intake, invalidResults } = await loadRows(file, region, options.skipInvalid, process.stderr);
  const streams = { out: process.stdout, err: process.stderr };
  const onEvent = options.json ? createJsonReporter(streams) : createPlainReporter(streams);

  if (!options.dryRun) {
    throw new UsageError('live sending is not available yet', 'pass --dry-run to preview the requests');
  }
  const results = runDryRun(intake.rows, invalidResults, { endpoint: options.endpoint.url, rate: options.rate, onEvent });
  if (options.out) {
    await exportResults(options.out, results);
    process.stderr.write(`Results: ${options.out}\n`);
  }
  return exitCodeFor(countStatuses(results), false);
}
