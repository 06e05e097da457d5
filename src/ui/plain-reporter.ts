import type { Writable } from 'node:stream';
import type { BatchEvent, BatchEventListener } from '../core/batch-events.js';
import { formatCoverageLine } from '../core/coverage-records.js';
import { totalCalls, type PlanSummary } from '../core/plan-summary.js';
import { hintFor } from '../core/error-hints.js';
import { count } from '../i18n/count.js';
import { t } from '../i18n/messages.js';
import { createLineBuffer } from './line-buffer.js';
import { formatDuration } from './format-duration.js';
import { formatCounts, formatRowLine, notSentLines } from './format-row.js';
import type { RowResult } from '../core/result.js';

export interface ReporterStreams {
  /** Results: one line (or JSON object) per row. */
  readonly out: Writable;
  /** Progress and summaries. */
  readonly err: Writable;
}

const PROGRESS_EVERY_MS = 2000;

/** One line per finished row on stdout, progress at most every 2 s, the plan and the summary on stderr. */
export function createPlainReporter({ out, err }: ReporterStreams, options: { readonly showPlan?: boolean } = {}): BatchEventListener {
  const lines = createLineBuffer(out);
  const errorCodes = new Map<string, number>();
  let total = 0;
  let done = 0;
  let lastProgress = 0;
  let dryRun = false;
  // Rows the run never sent share one cause (a stop, a refused credential): one line says it for all.
  const notSent: RowResult[] = [];
  let planFailed = false;

  return (event: BatchEvent) => {
    switch (event.type) {
      case 'plan':
        planFailed = event.failure !== undefined;
        if (options.showPlan !== false) err.write(formatPlan(event));
        break;
      case 'start':
        total = event.total + event.settled;
        dryRun = event.dryRun;
        err.write(startLine(event));
        break;
      case 'row-done': {
        done += 1;
        const r = event.result;
        if (r.ErrorCode && r.status !== 'invalid' && r.status !== 'not-sent') errorCodes.set(r.ErrorCode, (errorCodes.get(r.ErrorCode) ?? 0) + 1);
        if (r.status === 'not-sent') {
          notSent.push(r);
          break;
        }
        lines.push(`${formatRowLine(r, done, total, event.note)}\n`);
        if (event.request) lines.push(`${' '.repeat(String(total).length * 2 + 4)}${event.request.action} ${event.request.version} ${event.request.body}\n`);
        break;
      }
      case 'progress':
        if (event.elapsedMs - lastProgress >= PROGRESS_EVERY_MS && event.done < event.total) {
          lastProgress = event.elapsedMs;
          const eta = event.etaMs === undefined ? '' : `, ETA ${formatDuration(event.etaMs)}`;
          err.write(`progress: ${event.done}/${event.total} rows, ${event.rate.toFixed(1)} req/s${eta}${event.paused ? ' (paused)' : ''}\n`);
        }
        break;
      case 'stopping':
        lines.flush();
        err.write(`${event.message}\n`);
        break;
      case 'end': {
        for (const line of notSentLines(notSent, planFailed ? 'the preflight failed, see above' : undefined)) lines.push(`${line}\n`);
        lines.flush();
        const codes = [...errorCodes].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`);
        const tail = dryRun ? ' Nothing was sent.' : '';
        err.write(`${event.interrupted ? 'Interrupted' : 'Done'} in ${formatDuration(event.elapsedMs)}: ${formatCounts(event.counts)}${codes.length ? ` (${codes.join(', ')})` : ''}.${tail}\n`);
        break;
      }
      case 'coverage':
        err.write(`${formatCoverageLine(event.registries)}.\n`);
        break;
      default:
        break;
    }
  };
}

function startLine(event: Extract<BatchEvent, { type: 'start' }>): string {
  const where = `${event.endpoint} (${plural(event.regions.length, 'region')}, ${plural(event.registries.length, 'registry', 'registries')})`;
  const requests = plural(event.total, event.action ? `${event.action} request` : 'request');
  if (event.dryRun) return `Dry run: ${requests} for ${where}; nothing will be sent.\n`;
  const journal = event.journal ? `\nJournal: ${event.journal}` : '';
  if (event.total === 0) return `Nothing to send.${journal}\n`;
  return `Sending ${requests} to ${where} at up to ${event.rate}/s.${journal}\n`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The preflight's verdicts as text: one line of counts, then every blocked row with its reasons
 * (skipped rows are counted only; each still gets its own result line).
 */
export function formatPlan(plan: PlanSummary): string {
  if (plan.failure) {
    const why = planHint(plan.failure);
    const hint = why ? `${t('error.hint', { hint: why })}\n` : '';
    return `${t('plan.failed', { message: plan.failure.message })}\n${hint}`;
  }
  const { create, skip, blocked } = plan.counts;
  const head = `${t('plan.head', { calls: count('count.readCall', totalCalls(plan.readCalls)), create, skip, blocked })}\n`;
  if (plan.blocked.length === 0) return head;
  const lineWidth = Math.max(...plan.blocked.map((b) => String(b.line).length));
  const where = plan.blocked.map((b) => `${t('plan.line', { line: String(b.line).padStart(lineWidth) })}  ${b.region} ${b.key}`);
  const width = Math.max(...where.map((w) => w.length));
  const rows = plan.blocked.map((b, i) => `  ${(where[i] ?? '').padEnd(width)}  ${b.code ?? ''}${t('problem.colon')}${b.reason}\n`);
  return `${head}${t('plan.blockedHead')}\n${rows.join('')}`;
}

/** What to do about a failed plan: the error's own hint where there is one (SecretIdNotFound, …), else the plan's. */
export function planHint(failure: NonNullable<PlanSummary['failure']>): string | undefined {
  return hintFor(failure.code) ?? failure.hint;
}
