import { writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { parseFlags } from '../cli/parse-flags.js';
import { discoverRows, mergeDiscovered, type Discovered } from '../core/discover-rows.js';
import { InputError, UsageError } from '../core/errors.js';
import { formatProblem, isError, type Problem } from '../core/problem.js';
import { validateRow } from '../core/validate-row.js';
import { formatReadFailures } from '../ui/coverage-table.js';
import { TEMPLATE_CSV } from './template.js';
import type { RegistryNamespaces } from '../services/read-coverage.js';
import { readAllRegistries } from './discover-all.js';
import { readDiscoverFlags, type DiscoverFlags } from './discover-flags.js';
import { readRegistry } from './discover-registry.js';
import { commandLine } from '../core/command-line.js';
import { contextFor, runContext } from '../cli/run-context.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';

const spec = findCommand('discover') as CommandSpec;
const HEADER = (TEMPLATE_CSV.split('\n')[0] ?? '').split(',');

/**
 * Writes a batch CSV from a registry's namespaces (or every registry's), read-only: every page of
 * DescribeNamespaces, the filters, names from the template, each row checked by the intake's rules,
 * Region filled in. Exit 1 when some registry could not be read; the others are still written.
 */
export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(spec, argv);
  if (positionals.length > 0) throw new UsageError(t('cmd.flagsOnly', { command: 'discover', args: positionals.join(' ') }), t('cmd.flagsOnlyHint', { command: 'discover' }));
  const flags = readDiscoverFlags(values);
  const json = values.json === true;
  if (json && flags.out) throw new UsageError(t('discover.jsonOrOut'), t('discover.jsonOrOutHint'));
  const { request } = flags;
  const all = flags.scope ? await readAllRegistries(flags, process.stderr) : undefined;
  const found: readonly RegistryNamespaces[] = all?.read ?? [
    { registry: { registryId: request.registryId, region: request.region, status: 'Running' }, ...(await readRegistry(flags, process.stderr)) },
  ];
  const discovered = mergeDiscovered(found.map(({ registry: r, names, signing }) => discoverRows(names, signing, { ...request, registryId: r.registryId, region: r.region })));
  const problems = discovered.rows.flatMap((cells, i) => validateRow(i + 2, cells, { region: cells.Region }).problems);
  const target = flags.out ?? t('discover.stdout');
  if (problems.some(isError)) throw new InputError(t('discover.invalidRows'), target, problems, t('discover.invalidRowsHint'));
  problems.forEach((p: Problem) => process.stderr.write(`${formatProblem(p, target)}\n`));

  const table = discovered.rows.map((cells) => HEADER.map((column) => cells[column as keyof typeof cells] ?? ''));
  const csv = stringify([HEADER, ...table]);
  if (flags.out) await writeFile(flags.out, csv);
  else if (json) process.stdout.write(table.map((row) => `${JSON.stringify(Object.fromEntries(HEADER.map((column, i) => [column, row[i]])))}\n`).join(''));
  else process.stdout.write(csv);
  for (const r of all?.notRunning ?? []) process.stderr.write(`${t('discover.notRunning', { registry: r.registryId, region: r.region, status: r.status })}\n`);
  process.stderr.write(formatReadFailures(all?.unreadable ?? [], t('discover.othersWritten')));
  const namespaces = found.reduce((n, f) => n + f.names.size, 0);
  process.stderr.write(summary(discovered, namespaces, all ? count('count.registry', found.length) : request.registryId, flags, typeof values.region === 'string' ? values.region : undefined));
  return all && (all.unreadable.length > 0 || all.notFound) ? 1 : 0;
}

function summary(d: Discovered, total: number, of: string, flags: DiscoverFlags, region: string | undefined): string {
  const drops = [
    d.dropped.match ? t('discover.notMatching', { n: d.dropped.match }) : '',
    d.dropped.exclude ? t('discover.matchingExclude', { n: d.dropped.exclude }) : '',
    d.dropped.signing ? t('discover.alreadySigning', { n: d.dropped.signing }) : '',
  ].filter(Boolean);
  const where = flags.out ?? t('discover.stdout');
  const leftOut = drops.length ? t('discover.leftOut', { drops: drops.join(', ') }) : '';
  const head = `${t('discover.wrote', { rows: count('count.row', d.rows.length), where, namespaces: count('count.namespace', total), of, leftOut })}\n`;
  if (d.rows.length === 0) return `${head}${t('discover.noneLeft')}\n`;
  const next = flags.out ? `${t('discover.next', { command: batchLine(flags, region) })}\n` : '';
  return head + next;
}

/** The batch command for the written file, with the connection the user gave (else its reads would go elsewhere). */
function batchLine(flags: DiscoverFlags, region: string | undefined): string {
  return commandLine(['batch', flags.out ?? '-', '--dry-run'], contextFor('batch', runContext({ ...flags, region })));
}
