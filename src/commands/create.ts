import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { parseFlags, stringFlag, type FlagValues } from '../cli/parse-flags.js';
import { readSendOptions } from '../cli/send-options.js';
import { InputError, UsageError } from '../core/errors.js';
import type { InputColumn } from '../core/policy-row.js';
import { isError } from '../core/problem.js';
import { validateRow, type RowCells } from '../core/validate-row.js';
import { readTccliProfile } from '../services/tccli-profile.js';
import { createJsonReporter } from '../ui/json-reporter.js';
import { createSingleRowReporter } from '../ui/single-row-reporter.js';
import { sendRows } from './send-rows.js';
import { t } from '../i18n/messages.js';

const spec = findCommand('create') as CommandSpec;

/** Which flag fills which column of the one-row table. */
export const CREATE_FLAGS: readonly [string, InputColumn][] = [
  ['registry-id', 'RegistryId'],
  ['namespace', 'NamespaceName'],
  ['name', 'Name'],
  ['kms-id', 'KmsId'],
  ['kms-region', 'KmsRegion'],
  ['domain', 'Domain'],
];
const REQUIRED_FLAGS = ['registry-id', 'namespace', 'name', 'kms-id', 'kms-region'];

export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(spec, argv);
  if (positionals.length > 0) throw new UsageError(t('cmd.flagsOnly', { command: 'create', args: positionals.join(' ') }), t('cmd.flagsOnlyHint', { command: 'create' }));
  const missing = REQUIRED_FLAGS.filter((f) => values[f] === undefined);
  if (missing.length > 0) {
    if (process.stdin.isTTY && process.stdout.isTTY) return (await import('./wizard.js')).runOnePolicyWizard(values);
    throw new UsageError(t('cmd.missing', { flags: missing.map((f) => `--${f}`).join(', ') }), t('create.missingHint'));
  }
  return createFromFlags(values);
}

/** Sends (or previews) the one policy the flags describe, through the same engine as batch. */
export async function createFromFlags(values: FlagValues): Promise<number> {
  const options = readSendOptions(values, process.stdout.isTTY === true);
  const region = options.region || process.env.TENCENTCLOUD_REGION || readTccliProfile(options.profile)?.region;
  const cells: RowCells = Object.fromEntries(CREATE_FLAGS.map(([flag, column]) => [column, (stringFlag(values, flag) ?? '').trim()]));
  if (values.disabled === true) cells.Disabled = 'true';
  const { row, problems } = validateRow(0, cells, { region });
  const flagOf = new Map(CREATE_FLAGS.map(([flag, column]) => [column as string, `--${flag}`]));
  const named = problems.map((p) => ({ ...p, column: p.column === 'Region' ? '--region' : (flagOf.get(p.column ?? '') ?? p.column) }));
  if (!row || named.some(isError)) throw new InputError(t('create.invalid'), '', named, t('cmd.fixFlags'));
  named.forEach((p) => process.stderr.write(`${t('create.warning', { column: p.column ?? '', message: p.message })}\n`));
  const streams = { out: process.stdout, err: process.stderr };
  return sendRows({
    rows: [row],
    settled: [],
    options,
    confirm: true,
    face: options.json ? createJsonReporter(streams) : createSingleRowReporter(streams),
  });
}
