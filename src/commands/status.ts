import { writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { parseFlags } from '../cli/parse-flags.js';
import { COVERAGE_COLUMNS, coverageCsvRow, coverageRecord } from '../core/coverage-records.js';
import type { RegistryCoverage } from '../core/coverage.js';
import { UsageError } from '../core/errors.js';
import { totalCalls } from '../core/plan-summary.js';
import { formatCoverageTable, formatReadFailures } from '../ui/coverage-table.js';
import { openAccountScopes, unlistedLine } from './open-scope-reader.js';
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
  const accounts = await openAccountScopes(flags);
  const opened = accounts.flatMap((a) => (a.open ? [a.open] : []));
  const unlisted = accounts.flatMap((a) => (a.error ? [unlistedLine(a.roleArn ?? '', a.error.message)] : [])).join('');
  const notFound = opened.map((o) => o.notFound).join('') + unlisted;
  const registries = opened.flatMap((o) => o.registries);
  let rows: RegistryCoverage[];
  const calls: Record<string, number> = {};
  try {
    if (registries.length === 0) {
      process.stderr.write(notFound || `${t('status.noneFound', { scope: describeScope(flags.scope) })}\n`);
      return notFound ? 1 : 0;
    }
    const progress = startReadProgress(process.stderr, registries.length);
    let done = 0;
    try {
      const perAccount = await Promise.all(
        opened.map((o) => o.reads.readCoverage(o.reader, o.registries, () => progress.update(++done))),
      );
      rows = perAccount.flat();
    } finally {
      progress.stop();
    }
  } finally {
    for (const o of opened) {
      for (const [action, n] of Object.entries(o.reader.calls)) calls[action] = (calls[action] ?? 0) + n;
      o.reader.close();
    }
  }
  if (flags.json) process.stdout.write(rows.map((r) => `${JSON.stringify(coverageRecord(r))}\n`).join(''));
  else process.stdout.write(formatCoverageTable(rows, terminalWidth()));
  if (flags.out) await writeExport(flags.out, rows);
  process.stderr.write(notFound + formatReadFailures(rows));
  const read = { registries: count('count.registry', rows.length), scope: describeScope(flags.scope), calls: count('count.readCall', totalCalls(calls)) };
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
      ? stringify(withAccountColumn(rows, [[...COVERAGE_COLUMNS], ...rows.map(coverageCsvRow)]))
      : `${JSON.stringify(rows.map(coverageRecord), null, 2)}\n`;
  try {
    await writeFile(out.path, text);
  } catch (error) {
    throw new UsageError(t('status.cannotWrite', { path: out.path, message: (error as Error).message }), t('status.checkOut'));
  }
  process.stderr.write(`${t('status.written', { path: out.path })}\n`);
}

/** With several accounts the CSV's first column is RoleArn (empty for the base credentials). */
function withAccountColumn(rows: readonly RegistryCoverage[], table: string[][]): string[][] {
  if (!rows.some((r) => r.roleArn)) return table;
  return table.map((cells, i) => [i === 0 ? 'RoleArn' : (rows[i - 1]?.roleArn ?? ''), ...cells]);
}
