import { touchedCoverageOf } from '../core/coverage-records.js';
import type { createEventHub } from '../core/event-hub.js';
import type { PolicyRow } from '../core/policy-row.js';
import type { RowResult } from '../core/result.js';
import type { TcrApi } from '../core/tcr-api.js';
import { createPlainReporter } from '../ui/plain-reporter.js';
import { t } from '../i18n/messages.js';

/** A run the API never answered (refused credentials, a failed plan) would only get the same failures again. */
function apiAnswered(results: readonly RowResult[]): boolean {
  return !results.some((r) => r.ErrorCode.startsWith('AuthFailure')) && results.some((r) => r.status !== 'not-sent' && r.status !== 'invalid');
}

/**
 * After a live run: reads the coverage of the registries its rows name and emits it as a `coverage` event.
 * The dashboard has gone by then, so when it was the face a plain reporter prints the line instead.
 * The line is a courtesy: a failure to read it is a warning, never what the run exits with.
 */
export async function emitCoverage(api: TcrApi, rows: readonly PolicyRow[], results: readonly RowResult[], hub: ReturnType<typeof createEventHub>, dashboardWasFace: boolean): Promise<void> {
  if (rows.length === 0 || !apiAnswered(results)) return;
  try {
    const { readTouchedCoverage } = await import('../services/touched-coverage.js');
    const registries = await readTouchedCoverage(api, rows);
    if (dashboardWasFace) hub.subscribe(createPlainReporter({ out: process.stdout, err: process.stderr }));
    hub.emit({ type: 'coverage', registries: registries.map(touchedCoverageOf) });
  } catch (error) {
    process.stderr.write(`${t('run.coverageFailed', { message: (error as Error).message })}\n`);
  }
}
