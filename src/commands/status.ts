import { writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { parseFlags } from '../cli/parse-flags.js';
import { COVERAGE_COLUMNS, coverageCsvRow, coverageRecord } from '../core/coverage-records.js';
import type { RegistryCoverage } from '../core/coverage.js';
import { UsageError } from '../core/errors.js';
import { totalCalls } from '../core/plan-summary.js';
import { formatCoverageTable, formatReadFailures } from '../ui/coverage-table.js';
import { openScopeReader } from './open-scope-reader.js';
import { startReadProgress } from './read-progress.js';
import { describeScope } from './registry-scope-flags.js';
import { readStatusFlags, type StatusFlags } from './status-flags.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';

const spec = findCommand('status') as CommandSpec;
/** The width assumed when neither the terminal nor COLUMNS says (output to a pipe or a file). */
const DEFAULT_WIDTH = 80;

/**
 * Signing coverage of every registry in scope, read-only: the listing, then every page of each
 * registry's namespaces (all, and those with KmsSignPolicy). Exit 1 when some registry could not be read
 * (or a --registry-id was not found).
 */
export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(spec, argv);
  if (positionals.length > 0) throw new UsageError(t('status.flagsOnly', { args: positionals.join(' ') }), t('status.flagsOnlyHint'));
  const flags = readStatusFlags(values);
  if (values.images === true) return (await import('./status-images.js')).runImageStatus(flags);
  const { reader, registries, reads, notFound } = await openScopeReader(flags);
  let rows: RegistryCoverage[];
  try {
    if (registries.length === 0) {
      process.stderr.write(notFound || `${t('status.noneFound', { scope: describeScope(flags.scope) })}\n`);
      return notFound ? 1 : 0;
    }
    const progress = startReadProgress(process.stderr, registries.length);
    try {
      rows = await reads.readCoverage(reader, registries, progress.update);
    } finally {
      progress.stop();
    }
  } finally {
    reader.close();
  }
  if (flags.json) process.stdout.write(rows.map((r) => `${JSON.stringify(coverageRecord(r))}\n`).join(''));
  else process.stdout.write(formatCoverageTable(rows, terminalWidth()));
  if (flags.out) await writeExport(flags.out, rows);
  process.stderr.write(notFound + formatReadFailures(rows));
  const read = { registries: count('count.registry', rows.length), scope: describeScope(flags.scope), calls: count('count.readCall', totalCalls(reader.calls)) };
  process.stderr.write(`${t('status.read', read)}\n`);
  // DescribeNamespaces lists the namespaces with a policy, and nothing in its answer says disabled.
  if (!flags.json && rows.some((r) => !r.error && r.signing > 0)) process.stderr.write(`${t('status.disabledNotShown')}\n`);
  return notFound || rows.some((r) => r.error) ? 1 : 0;
}

function terminalWidth(): number {
  return process.stdout.columns || Number(process.env.COLUMNS) || DEFAULT_WIDTH;
}

async function writeExport(out: NonNullable<StatusFlags['out']>, rows: readonly RegistryCoverage[]): Promise<void> {
  const text =
    out.format === 'csv'
      ? stringify([[...COVERAGE_COLUMNS], ...rows.map(coverageCsvRow)])
      : `${JSON.stringify(rows.map(coverageRecord), null, 2)}\n`;
  try {
    await writeFile(out.path, text);
  } catch (error) {
    throw new UsageError(t('status.cannotWrite', { path: out.path, message: (error as Error).message }), t('status.checkOut'));
  }
  process.stderr.write(`${t('status.written', { path: out.path })}\n`);
}
