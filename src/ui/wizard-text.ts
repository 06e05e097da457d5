import { formatProblem, isError } from '../core/problem.js';
import type { Intake } from '../core/policy-intake.js';
import type { RequestPreview } from '../core/request-preview.js';
import stringWidth from 'string-width';
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
 * What a CSV holds before anything is sent: counts, the first problems, and the first rows as a table.
 * `listAll`: the command that lists every problem (the caller's, with what the wizard uses).
 */
export function formatIntakeSummary(intake: Intake, source: string, listAll: string): string {
  const warnings = intake.problems.filter((p) => !isError(p)).length;
  const counts = t('wiz.intakeCounts', {
    rows: count('count.row', intake.total),
    valid: intake.rows.length,
    invalid: intake.invalid.length,
    warnings: warnings > 0 ? t('wiz.warnings', { warnings: count('count.warning', warnings) }) : '',
  });
  const lines = ['', `${source}${t('problem.colon')}${counts}`];
  const problems = intake.problems.slice(0, SHOWN_PROBLEMS).map((p) => `  ${formatProblem(p, source)}`);
  lines.push(...problems);
  const more = intake.problems.length - problems.length;
  if (more > 0) lines.push(`  ${t('wiz.moreProblems', { problems: count('count.moreProblem', more), command: listAll })}`);
  if (intake.rows.length > 0) {
    lines.push('', ...previewTable(intake).map((l) => `  ${l}`));
    if (intake.rows.length > SHOWN_ROWS) lines.push(`  ${t('wiz.moreRows', { rows: count('count.moreValidRow', intake.rows.length - SHOWN_ROWS) })}`);
  }
  lines.push('');
  return lines.join('\n');
}

function previewTable(intake: Intake): string[] {
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
  const render = (cells: readonly string[]): string => cells.map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - stringWidth(c)))).join('  ').trimEnd();
  return [render(header), ...rows.map(render)];
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
