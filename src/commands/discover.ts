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
import { plural } from '../ui/plural.js';
import { DEFAULT_ENDPOINT } from '../core/endpoint.js';
import { shellQuote } from '../core/policy-answers.js';

const spec = findCommand('discover') as CommandSpec;
const HEADER = (TEMPLATE_CSV.split('\n')[0] ?? '').split(',');

/**
 * Writes a batch CSV from a registry's namespaces (or every registry's), read-only: every page of
 * DescribeNamespaces, the filters, names from the template, each row checked by the intake's rules,
 * Region filled in. Exit 1 when some registry could not be read; the others are still written.
 */
export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(spec, argv);
  if (positionals.length > 0) throw new UsageError(`discover takes flags only, got: ${positionals.join(' ')}`, 'run `tcr-sigpolicy discover --help`');
  const flags = readDiscoverFlags(values);
  const { request } = flags;
  const all = flags.scope ? await readAllRegistries(flags, process.stderr) : undefined;
  const found: readonly RegistryNamespaces[] = all?.read ?? [
    { registry: { registryId: request.registryId, region: request.region, status: 'Running' }, ...(await readRegistry(flags, process.stderr)) },
  ];
  const discovered = mergeDiscovered(found.map(({ registry: r, names, signing }) => discoverRows(names, signing, { ...request, registryId: r.registryId, region: r.region })));
  const problems = discovered.rows.flatMap((cells, i) => validateRow(i + 2, cells, { region: cells.Region }).problems);
  const target = flags.out ?? 'the output';
  if (problems.some(isError)) throw new InputError('the generated rows would not pass the intake; nothing was written', target, problems, 'change --name or the filters');
  problems.forEach((p: Problem) => process.stderr.write(`${formatProblem(p, target)}\n`));

  const csv = stringify([HEADER, ...discovered.rows.map((cells) => HEADER.map((column) => cells[column as keyof typeof cells] ?? ''))]);
  if (flags.out) await writeFile(flags.out, csv);
  else process.stdout.write(csv);
  for (const r of all?.notRunning ?? []) process.stderr.write(`warning: left out ${r.registryId} (${r.region}): it is ${r.status}; signature policies need a Running registry.\n`);
  process.stderr.write(formatReadFailures(all?.unreadable ?? [], 'the rows of the others are written'));
  const namespaces = found.reduce((n, f) => n + f.names.size, 0);
  process.stderr.write(summary(discovered, namespaces, all ? plural(found.length, 'registry', 'registries') : request.registryId, flags, typeof values.region === 'string' ? values.region : undefined));
  return all && (all.unreadable.length > 0 || all.notFound) ? 1 : 0;
}

function summary(d: Discovered, total: number, of: string, flags: DiscoverFlags, region: string | undefined): string {
  const drops = [
    d.dropped.match ? `${d.dropped.match} not matching --match` : '',
    d.dropped.exclude ? `${d.dropped.exclude} matching --exclude` : '',
    d.dropped.signing ? `${d.dropped.signing} already signing` : '',
  ].filter(Boolean);
  const where = flags.out ?? 'standard output';
  const head = `Wrote ${plural(d.rows.length, 'row')} to ${where} from ${plural(total, 'namespace')} of ${of}${drops.length ? ` (left out: ${drops.join(', ')})` : ''}.\n`;
  if (d.rows.length === 0) return `${head}warning: no namespace is left; check --match, --exclude and --unsigned-only.\n`;
  const next = flags.out ? `Review it, then: ${batchLine(flags, region)}\n` : '';
  return head + next;
}

/** The batch command for the written file, with the connection the user gave (else its reads would go elsewhere). */
function batchLine(flags: DiscoverFlags, region: string | undefined): string {
  const words = ['tcr-sigpolicy', 'batch', flags.out ?? '-'];
  for (const endpoint of flags.endpoint.given) if (endpoint !== DEFAULT_ENDPOINT) words.push('--endpoint', endpoint);
  if (region) words.push('--region', region);
  if (flags.profile) words.push('--profile', flags.profile);
  return [...words, '--dry-run'].map(shellQuote).join(' ');
}
