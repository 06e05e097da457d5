import { formatProblem, isError } from '../core/problem.js';
import type { Intake } from '../core/policy-intake.js';
import type { RequestPreview } from '../core/request-preview.js';
import stringWidth from 'string-width';
import { fitCells, wrapCells } from './fit-cells.js';
import { count } from '../i18n/count.js';
import { t } from '../i18n/messages.js';

/** The review before sending one policy: the request as a dry run shows it, and the command that repeats it. */
export function formatReview(preview: RequestPreview, commandLine: string): string {
  const body = JSON.stringify(JSON.parse(preview.body), null, 2).replace(/\n/g, '\n    ');
  return [
    '',
    t('wiz.review'),
    `  ${t('wiz.reviewRequest', { action: preview.action, version: preview.version, endpoint: preview.endpoint, region: preview.region })}`,
    `    ${body}`,
    '',
    `  ${t('wiz.reviewScript')}`,
    `    ${commandLine}`,
    '',
  ].join('\n');
}

const SHOWN_PROBLEMS = 5;
const SHOWN_ROWS = 5;

/**
 * What a CSV holds before anything is sent: counts, the first problems, and the first rows as a
 * table, fitted to `width` cells: lines wrap between words, and the table drops its last columns
 * (the row's line and ids stay) rather than wrap. `listAll`: the command that lists every problem
 * (the caller's, with what the wizard uses).
 */
export function formatIntakeSummary(intake: Intake, source: string, listAll: string, width = Infinity): string {
  const warnings = intake.problems.filter((p) => !isError(p)).length;
  const counts = t('wiz.intakeCounts', {
    rows: count('count.row', intake.total),
    valid: intake.rows.length,
    invalid: intake.invalid.length,
    warnings: warnings > 0 ? t('wiz.warnings', { warnings: count('count.warning', warnings) }) : '',
  });
  const indented = (text: string): string[] => wrapCells(text, width, { label: '  ' });
  const lines = ['', ...wrapCells(`${source}${t('problem.colon')}${counts}`, width)];
  const problems = intake.problems.slice(0, SHOWN_PROBLEMS);
  lines.push(...problems.flatMap((p) => indented(formatProblem(p, source))));
  const more = intake.problems.length - problems.length;
  if (more > 0) lines.push(...indented(t('wiz.moreProblems', { problems: count('count.moreProblem', more), command: listAll })));
  if (intake.rows.length > 0) {
    lines.push('', ...previewTable(intake, width - 2).map((l) => `  ${l}`));
    if (intake.rows.length > SHOWN_ROWS) lines.push(...indented(t('wiz.moreRows', { rows: count('count.moreValidRow', intake.rows.length - SHOWN_ROWS) })));
  }
  lines.push('');
  return lines.join('\n');
}

/** Columns a narrow table keeps: line, Region, RegistryId, NamespaceName. */
const KEPT_COLUMNS = 4;
const COLUMN_GAP = '  ';

function previewTable(intake: Intake, width: number): string[] {
  const header = [t('wiz.colLine'), 'Region', 'RegistryId', 'NamespaceName', 'Name', 'KmsId', 'KmsRegion'];
  const rows = intake.rows.slice(0, SHOWN_ROWS).map((r) => [
    String(r.line),
    r.region,
    r.request.RegistryId,
    r.request.NamespaceName,
    clip(r.request.Name, 24),
    clip(r.request.KmsId, 9),
    r.request.KmsRegion || t('wiz.registryRegion'),
  ]);
  // Cells, not characters: a heading or note may be Chinese (two cells a character).
  const widths = header.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? ''))));
  let shown = header.length;
  const tableWidth = (n: number): number => widths.slice(0, n).reduce((a, b) => a + b, 0) + COLUMN_GAP.length * (n - 1);
  while (shown > KEPT_COLUMNS && tableWidth(shown) > width) shown -= 1;
  const render = (cells: readonly string[]): string =>
    fitCells(cells.slice(0, shown).map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - stringWidth(c)))).join(COLUMN_GAP).trimEnd(), width, '…');
  return [render(header), ...rows.map(render)];
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
