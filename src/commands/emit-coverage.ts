import { touchedCoverageOf } from '../core/coverage-records.js';
import type { createEventHub } from '../core/event-hub.js';
import type { PolicyRow } from '../core/policy-row.js';
import type { TcrApi } from '../core/tcr-api.js';
import { createPlainReporter } from '../ui/plain-reporter.js';

/**
 * After a live run: reads the coverage of the registries its rows name and emits it as a `coverage` event.
 * The dashboard has gone by then, so when it was the face a plain reporter prints the line instead.
 */
export async function emitCoverage(api: TcrApi, rows: readonly PolicyRow[], hub: ReturnType<typeof createEventHub>, dashboardWasFace: boolean): Promise<void> {
  if (rows.length === 0) return;
  const { readTouchedCoverage } = await import('../services/touched-coverage.js');
  const registries = await readTouchedCoverage(api, rows);
  if (dashboardWasFace) hub.subscribe(createPlainReporter({ out: process.stdout, err: process.stderr }));
  hub.emit({ type: 'coverage', registries: registries.map(touchedCoverageOf) });
}
