import type { Writable } from 'node:stream';
import { labelOf, type BatchEvent, type BatchEventListener } from '../core/batch-events.js';
import { formatCoverageLine } from '../core/coverage-records.js';
import { formatPlan } from './format-plan.js';
import { count } from '../i18n/count.js';
import { t } from '../i18n/messages.js';
import { createLineBuffer } from './line-buffer.js';
import { formatDuration } from './format-duration.js';
import { formatCounts, formatRowLine, notSentLines } from './format-row.js';
import type { ItemResult } from '../core/work-item.js';
import { stopMessage } from '../i18n/stop-message.js';

export interface ReporterStreams {
  /** Results: one line (or JSON object) per row. */
  readonly out: Writable;
  /** Progress and summaries. */
  readonly err: Writable;
}

const PROGRESS_EVERY_MS = 2000;

export interface PlainOptions {
  readonly showPlan?: boolean;
  /** --quiet: only what needs attention (the plan's blocked rows, failed and invalid rows, rows not sent) and the summary. */
  readonly quiet?: boolean;
}

/** One line per finished row on stdout, progress at most every 2 s, the plan and the summary on stderr. */
export function createPlainReporter({ out, err }: ReporterStreams, options: PlainOptions = {}): BatchEventListener {
  const quiet = options.quiet === true;
  const lines = createLineBuffer(out);
  const errorCodes = new Map<string, number>();
  let total = 0;
  // The items are still arriving (a listing still going on): totals show as `240+`.
  let counting = false;
  const shownTotal = (): string => (counting ? `${total}+` : String(total));
  let done = 0;
  let lastProgress = 0;
  let dryRun = false;
  // Rows the run never sent share one cause (a stop, a refused credential): one line says it for all.
  const notSent: ItemResult[] = [];
  let planFailed = false;

  return (event: BatchEvent) => {
    switch (event.type) {
      case 'plan':
        planFailed = event.failure !== undefined;
        if (options.showPlan !== false) err.write(formatPlan(event));
        break;
      case 'start':
        total = event.total + event.settled;
        counting = event.counting === true;
        dryRun = event.dryRun;
        if (!quiet) err.write(startLine(event));
        break;
      case 'row-done': {
        done += 1;
        // Items settled as they are listed may come before the progress that counts them.
        if (counting && done > total) total = done;
        const r = event.result;
        if (r.ErrorCode && r.status !== 'invalid' && r.status !== 'not-sent') errorCodes.set(r.ErrorCode, (errorCodes.get(r.ErrorCode) ?? 0) + 1);
        if (r.status === 'not-sent') {
          notSent.push(r);
          break;
        }
        // A row the plan blocked was said with the plan on stderr: once is enough (the export and --json have it).
        if (r.status === 'invalid' && r.ErrorCode.startsWith('Blocked.')) break;
        if (quiet && r.status !== 'failed' && r.status !== 'invalid') break;
        lines.push(`${formatRowLine(r, labelOf(event), done, shownTotal(), event.note)}\n`);
        if (event.request) lines.push(`${' '.repeat(String(total).length * 2 + 4)}${event.request.action} ${event.request.version} ${event.request.body}\n`);
        break;
      }
      case 'listed':
        total = event.total + event.settled;
        counting = false;
        break;
      case 'progress':
        if (counting) total = event.total;
        if (!quiet && event.elapsedMs - lastProgress >= PROGRESS_EVERY_MS && event.done < event.total) {
          lastProgress = event.elapsedMs;
          const eta = event.etaMs === undefined ? '' : t('plain.eta', { eta: formatDuration(event.etaMs) });
          const paused = event.paused ? t('plain.paused') : '';
          err.write(`${t('plain.progress', { done: event.done, total: event.counting ? `${event.total}+` : event.total, rate: event.rate.toFixed(1), eta, paused })}\n`);
        }
        break;
      case 'stopping':
        lines.flush();
        err.write(`${stopMessage(event.reason)}\n`);
        break;
      case 'end': {
        for (const line of notSentLines(notSent, planFailed ? t('plain.preflightFailedSeeAbove') : undefined)) lines.push(`${line}\n`);
        lines.flush();
        const codes = [...errorCodes].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`);
        const tail = dryRun ? t('plain.nothingSent') : '';
        const values = { elapsed: formatDuration(event.elapsedMs), counts: formatCounts(event.counts), codes: codes.length ? t('plain.codes', { codes: codes.join(', ') }) : '', tail };
        err.write(`${t(event.interrupted ? 'plain.interrupted' : 'plain.done', values)}\n`);
        break;
      }
      case 'coverage':
        if (quiet) break;
        err.write(`${t('plain.sentence', { text: formatCoverageLine(event.registries, (err as { columns?: number }).columns) })}\n`);
        break;
      default:
        break;
    }
  };
}

function startLine(event: Extract<BatchEvent, { type: 'start' }>): string {
  const where = t('plain.where', { endpoint: event.endpoint, regions: count('count.region', event.regions.length), registries: count('count.registry', event.registries.length) });
  const requests = event.action ? count('count.actionRequest', event.total, { action: event.action }) : count('count.request', event.total);
  if (event.dryRun) return `${t('plain.dryRun', { requests, where })}\n`;
  const journal = event.journal ? `\n${t('plain.journal', { path: event.journal })}` : '';
  if (event.counting) return `${t('plain.sendingCounting', { action: event.action ?? '', where, rate: event.rate })}${journal}\n`;
  if (event.total === 0) return `${t('plain.nothingToSend')}${journal}\n`;
  return `${t('plain.sending', { requests, where, rate: event.rate })}${journal}\n`;
}
