import { basename, dirname, extname, join, resolve } from 'node:path';
import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { parseFlags } from '../cli/parse-flags.js';
import { readSendOptions } from '../cli/send-options.js';
import { UsageError } from '../core/errors.js';
import { DELETE_POLICY } from '../services/policy-operations.js';
import { readCreatedPolicies } from '../services/read-created-policies.js';
import { plural } from '../ui/plain-reporter.js';
import { sendRows } from './send-rows.js';

const spec = findCommand('rollback') as CommandSpec;

/**
 * Undoes a batch: deletes exactly the policies a results file (or journal) records as `created`, through
 * the same queue, limits, journal, faces and export as batch. Nothing else is touched.
 */
export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(spec, argv);
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('rollback needs the results file of the run to undo', 'run `tcr-sigpolicy rollback results.csv --dry-run` to see what it would delete');
  if (extra.length > 0) throw new UsageError(`rollback takes one results file, got also: ${extra.join(' ')}`, 'roll back one run at a time');
  // Deleting needs no plan: the file already says what this tool created, and a policy gone since is skipped.
  const options = { ...readSendOptions(values, process.stdout.isTTY === true), preflight: false };
  if (options.out && resolve(options.out) === resolve(file)) {
    throw new UsageError(`--out ${options.out} would overwrite the results file being rolled back`, 'name the rollback results differently, e.g. --out rollback.csv');
  }
  const { rows, others } = await readCreatedPolicies(file);
  const leftAlone = others > 0 ? `; ${plural(others, 'row')} of other statuses left alone` : '';
  process.stderr.write(`${file}: ${plural(rows.length, 'signature policy', 'signature policies')} created by that run${leftAlone}.\n`);
  if (rows.length === 0) {
    process.stderr.write('Nothing to roll back.\n');
    return 0;
  }
  const input = join(dirname(file), `${basename(file, extname(file))}.rollback${extname(file)}`);
  return sendRows({ rows, settled: [], options, confirm: true, operation: DELETE_POLICY, input });
}
