import { basename, dirname, extname, join } from 'node:path';
import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { parseFlags, stringFlag } from '../cli/parse-flags.js';
import { readSendOptions } from '../cli/send-options.js';
import { UsageError } from '../core/errors.js';
import { refuseOverwriting } from '../services/export-results.js';
import { DELETE_POLICY } from '../services/policy-operations.js';
import { readCreatedPolicies } from '../services/read-created-policies.js';
import { sendRows } from './send-rows.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';

const spec = findCommand('rollback') as CommandSpec;

/**
 * Undoes a batch: deletes exactly the policies a results file (or journal) records as `created`, through
 * the same queue, limits, journal, faces and export as batch. Nothing else is touched.
 */
export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals: files } = parseFlags(spec, argv);
  if (files.length === 0) throw new UsageError(t('rollback.needsFile'), t('rollback.needsFileHint'));
  refuseOverwriting(stringFlag(values, 'out'), files, t('out.rolledBack'));
  // Deleting needs no plan: the files already say what this tool created, and a policy gone since is skipped.
  const options = { ...readSendOptions(values, process.stdout.isTTY === true), preflight: false };
  const { rows, others, unknown, signing } = await readCreatedPolicies(files);
  // Image signatures have no delete in the API: say so for those files, and touch nothing of theirs.
  for (const file of signing) process.stderr.write(`${t('images.rollbackRefused', { path: file })}\n`);
  const leftAlone = others > 0 ? t('rollback.leftAlone', { rows: count('count.row', others) }) : '';
  const runs = t(files.length > 1 ? 'rollback.thoseRuns' : 'rollback.thatRun');
  process.stderr.write(`${t('rollback.found', { files: files.join(', '), policies: count('count.policy', rows.length), runs, leftAlone })}\n`);
  if (unknown > 0) {
    process.stderr.write(`${t('rollback.unknown', { rows: count('count.row', unknown) })}\n`);
  }
  if (rows.length === 0) {
    process.stderr.write(`${t('rollback.nothing')}\n`);
    return 0;
  }
  const file = files[files.length - 1] as string;
  const input = join(dirname(file), `${basename(file, extname(file))}.rollback${extname(file)}`);
  return sendRows({ rows, settled: [], options, confirm: true, operation: DELETE_POLICY, input });
}
