import { basename, dirname, extname, join } from 'node:path';
import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { listFlag, parseFlags } from '../cli/parse-flags.js';
import { contextFor } from '../cli/run-context.js';
import { readSendOptions } from '../cli/send-options.js';
import { commandLine } from '../core/command-line.js';
import { movedEndpoint, type Endpoints } from '../core/endpoint.js';
import { UsageError } from '../core/errors.js';
import type { PolicyRow } from '../core/policy-row.js';
import { DELETE_POLICY } from '../services/policy-operations.js';
import { readCreatedPolicies } from '../services/read-created-policies.js';
import { recordedEndpoints } from '../services/read-prior-results.js';
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
  // Deleting needs no plan: the files already say what this tool created, and a policy gone since is skipped.
  const options = { ...readSendOptions(values, process.stdout.isTTY === true, { inputs: files, what: t('out.rolledBack') }), preflight: false };
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
  // An --endpoint given is a choice; the default is only where a pasted line without one would go.
  if (listFlag(values, 'endpoint').length === 0) await refuseAnotherEndpoint(files, rows, options.endpoint, options.dryRun);
  const file = files[files.length - 1] as string;
  const input = join(dirname(file), `${basename(file, extname(file))}.rollback${extname(file)}`);
  return sendRows({ rows, settled: [], options, confirm: true, operation: DELETE_POLICY, input });
}

/**
 * A rollback deletes where its runs created: a file whose journal names another endpoint than the
 * default this rollback would use is refused (a dry run only warns: it deletes nothing).
 */
async function refuseAnotherEndpoint(files: readonly string[], rows: readonly PolicyRow[], used: Endpoints, dryRun: boolean): Promise<void> {
  const regions = new Set(rows.map((row) => row.region));
  for (const file of files) {
    const recorded = await recordedEndpoints(file);
    const moved = recorded && movedEndpoint(recorded, used, regions);
    if (!moved) continue;
    const message = t('rollback.otherEndpoint', { file, ...moved });
    if (dryRun) {
      process.stderr.write(`${t('rollback.otherEndpointDry', { message })}\n`);
      continue;
    }
    const command = commandLine(['rollback', ...files], contextFor('rollback', { endpoint: recorded }));
    throw new UsageError(message, t('rollback.otherEndpointHint', { command }));
  }
}
