import { memo } from 'react';
import { Box, Text } from 'ink';
import type { PlanCounts, RunInfo } from './dashboard-state.js';
import { ThemedText } from './ThemedText.js';
import { useTheme } from './use-theme.js';
import { t } from '../i18n/messages.js';

export interface DashboardHeaderProps {
  /** The run's `start` event; undefined until it arrives. */
  readonly run: RunInfo | undefined;
  /** The preflight's verdicts, when it ran. */
  readonly plan?: PlanCounts;
  /** Sending is paused (by the user, or as the runner last reported). */
  readonly paused: boolean;
  /** Terminal width in columns; below 80 the regions collapse to a count. */
  readonly width: number;
}

/**
 * Mode, endpoint, regions and rate cap on one line; the preflight's counts and the journal path
 * under it. Memoised: it rarely changes while everything below it does.
 */
export const DashboardHeader = memo(function DashboardHeader({ run, plan, paused, width }: DashboardHeaderProps) {
  const { glyphs } = useTheme();
  if (run === undefined) return <ThemedText dim>{t('dash.starting')}{glyphs.ellipsis}</ThemedText>;
  const details = [
    run.action ?? '',
    run.endpoint.replace(/^https?:\/\//, ''),
    formatRegions(run.regions, width < 80),
    t('dash.rate', { rate: run.rate }),
  ].filter((part) => part !== '');
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        {run.dryRun ? <ThemedText bold color="yellow">{t('dash.dryRun')}</ThemedText> : <ThemedText bold color="green">{t('dash.live')}</ThemedText>}
        {paused ? <ThemedText inverse bold color="yellow">{t('dash.paused')}</ThemedText> : null}
        {paused ? ' ' : glyphs.separator}
        {details.join(glyphs.separator)}
      </Text>
      {plan === undefined ? null : (
        <ThemedText dim wrap="truncate-end">
          {t('dash.preflight', { create: plan.create, skip: plan.skip, blocked: plan.blocked })}
        </ThemedText>
      )}
      {run.journal === undefined ? null : (
        <ThemedText dim wrap="truncate-middle">{t('dash.journal', { path: run.journal })}</ThemedText>
      )}
    </Box>
  );
});

function formatRegions(regions: readonly string[], narrow: boolean): string {
  if (regions.length <= 1) return regions[0] ?? '';
  if (narrow || regions.length > 3) return `${regions[0]} +${regions.length - 1}`;
  return regions.join(', ');
}
