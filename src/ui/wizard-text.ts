import { formatProblem, isError } from '../core/problem.js';
import type { Intake } from '../core/policy-intake.js';
import type { RequestPreview } from '../core/request-preview.js';
import { plural } from './plural.js';

/** The review before sending one policy: the request as a dry run shows it, and the command that repeats it. */
export function formatReview(preview: RequestPreview, commandLine: string): string {
  const body = JSON.stringify(JSON.parse(preview.body), null, 2).replace(/\n/g, '\n    ');
  return [
    '',
    'Review',
    `  ${preview.action} (version ${preview.version}) to ${preview.endpoint}, X-TC-Region: ${preview.region}`,
    `    ${body}`,
    '',
    '  The same without questions, for a script:',
    `    ${commandLine}`,
    '',
  ].join('\n');
}

const SHOWN_PROBLEMS = 5;
const SHOWN_ROWS = 5;

/** What a CSV holds before anything is sent: counts, the first problems, and the first rows as a table. */
export function formatIntakeSummary(intake: Intake, source: string): string {
  const warnings = intake.problems.filter((p) => !isError(p)).length;
  const counts = [
    plural(intake.total, 'row'),
    `${intake.rows.length} valid`,
    `${intake.invalid.length} invalid`,
    ...(warnings > 0 ? [plural(warnings, 'warning')] : []),
  ].join(', ');
  const lines = ['', `${source}: ${counts}`];
  const problems = intake.problems.slice(0, SHOWN_PROBLEMS).map((p) => `  ${formatProblem(p, source)}`);
  lines.push(...problems);
  const more = intake.problems.length - problems.length;
  if (more > 0) lines.push(`  … and ${plural(more, 'more problem')} (\`tcr-sigpolicy batch ${source} --dry-run\` lists them all)`);
  if (intake.rows.length > 0) {
    lines.push('', ...previewTable(intake).map((l) => `  ${l}`));
    if (intake.rows.length > SHOWN_ROWS) lines.push(`  … and ${plural(intake.rows.length - SHOWN_ROWS, 'more valid row')}`);
  }
  lines.push('');
  return lines.join('\n');
}

function previewTable(intake: Intake): string[] {
  const header = ['line', 'Region', 'RegistryId', 'NamespaceName', 'Name', 'KmsId', 'KmsRegion'];
  const rows = intake.rows.slice(0, SHOWN_ROWS).map((r) => [
    String(r.line),
    r.region,
    r.request.RegistryId,
    r.request.NamespaceName,
    clip(r.request.Name, 24),
    clip(r.request.KmsId, 9),
    r.request.KmsRegion || '(registry region)',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const render = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [render(header), ...rows.map(render)];
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
