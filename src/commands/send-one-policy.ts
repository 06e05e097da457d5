import type { SendOptions } from '../cli/send-options.js';
import { InputError } from '../core/errors.js';
import { CREATE_FLAGS, type PolicyAnswers } from '../core/policy-answers.js';
import { isError } from '../core/problem.js';
import type { RowResult } from '../core/result.js';
import { validateRow, type RowCells } from '../core/validate-row.js';
import { CREATE_POLICY } from '../services/policy-operations.js';
import { defaultRegion } from '../services/default-region.js';
import { createJsonReporter } from '../ui/json-reporter.js';
import { createSingleRowReporter } from '../ui/single-row-reporter.js';
import { sendRows } from './send-rows.js';
import { t } from '../i18n/messages.js';

/**
 * Sends (or previews) the one policy the answers describe, through the same engine as batch. `create`
 * calls it with its flags' answers, the wizard with what it asked; problems are named by the flag.
 */
export async function sendOnePolicy(answers: PolicyAnswers, options: SendOptions, seen?: (result: RowResult) => void): Promise<number> {
  const region = defaultRegion(answers.region, options.profile);
  const cells: RowCells = Object.fromEntries(CREATE_FLAGS.map(([, column, key]) => [column, String(answers[key] ?? '').trim()]));
  if (answers.disabled === true) cells.Disabled = 'true';
  const { row, problems } = validateRow(0, cells, { region, roleArn: options.roleArn });
  const flagOf = new Map(CREATE_FLAGS.map(([flag, column]) => [column as string, `--${flag}`]));
  const named = problems.map((p) => ({ ...p, column: p.column === 'Region' ? '--region' : (flagOf.get(p.column ?? '') ?? p.column) }));
  if (!row || named.some(isError)) throw new InputError(t('create.invalid'), '', named, t('cmd.fixFlags'));
  named.forEach((p) => process.stderr.write(`${t('create.warning', { column: p.column ?? '', message: p.message })}\n`));
  const streams = { out: process.stdout, err: process.stderr };
  const face = options.json ? createJsonReporter(streams) : createSingleRowReporter(streams);
  return sendRows({
    rows: [row],
    settled: [],
    options,
    confirm: true,
    operation: CREATE_POLICY,
    // The caller may want the row's outcome (the wizard offers to sign a created namespace's images).
    face: (event) => {
      if (event.type === 'row-done') seen?.(event.result as RowResult);
      face(event);
    },
  });
}
