import { Box } from 'ink';
import type { ItemResult } from '../core/work-item.js';
import type { DashboardState } from './dashboard-state.js';
import { notSentLines } from './format-row.js';
import { planHint } from './format-plan.js';
import { ThemedText } from './ThemedText.js';
import { t } from '../i18n/messages.js';

export interface NotSentSummaryProps {
  /** Rows the run never sent (stopped, or a failed preflight). */
  readonly rows: readonly ItemResult[];
  /** The preflight's failure, when that is why: said once here, with its hint, not once per cause. */
  readonly planFailure?: DashboardState['planFailure'];
}

/** One line per cause for the rows that were never sent, instead of a line per row. */
export function NotSentSummary({ rows, planFailure }: NotSentSummaryProps) {
  if (rows.length === 0 && planFailure === undefined) return null;
  return (
    <Box flexDirection="column" marginTop={1}>
      {planFailure ? <ThemedText color="red">{t('plan.failed', { message: planFailure.message })}</ThemedText> : null}
      {planFailure && planHint(planFailure) ? <ThemedText>{t('error.hint', { hint: planHint(planFailure) ?? '' })}</ThemedText> : null}
      {notSentLines(rows, planFailure ? t('dash.preflightFailed') : undefined).map((line) => (
        <ThemedText key={line} color="yellow">{line}</ThemedText>
      ))}
    </Box>
  );
}
