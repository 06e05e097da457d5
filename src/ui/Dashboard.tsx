import { useEffect } from 'react';
import { Box, useApp, useStdin } from 'ink';
import type { BatchControls, BatchEventSource } from '../core/batch-events.js';
import { DashboardHeader } from './DashboardHeader.js';
import { expectedStatuses } from './expected-statuses.js';
import { FailureSummary } from './FailureSummary.js';
import { FinishedRows } from './FinishedRows.js';
import { InFlightRows } from './InFlightRows.js';
import { KeyHelp } from './KeyHelp.js';
import { NotSentSummary } from './NotSentSummary.js';
import { ProgressBar } from './ProgressBar.js';
import { RunOutcome } from './RunOutcome.js';
import { StatusCounters } from './StatusCounters.js';
import { StopNotice } from './StopNotice.js';
import type { TerminalTheme } from './terminal-theme.js';
import { ThemeContext } from './ThemeContext.js';
import { useBatchState } from './use-batch-state.js';
import { useDashboardKeys } from './use-dashboard-keys.js';
import { useTerminalWidth } from './use-terminal-width.js';

export interface DashboardProps {
  /** The running batch's events. */
  readonly source: BatchEventSource;
  /** Where pause, resume and stop requests go. */
  readonly controls: BatchControls;
  /** Colour and glyph choices. */
  readonly theme: TerminalTheme;
  /** Milliseconds between screen updates; the default gives 10 frames a second. */
  readonly frameMs?: number;
}

/**
 * The batch dashboard: finished rows scroll above through `<Static>` (each drawn once), and a short
 * live area shows the header, progress, counters, rows in flight and keys. Exits after `end`.
 */
export function Dashboard({ source, controls, theme, frameMs }: DashboardProps) {
  const { state, finished, tick } = useBatchState(source, frameMs);
  // Ink reports stdin.isTTY here, which is undefined (not false) for pipes; useInput needs a boolean.
  const keysEnabled = useStdin().isRawModeSupported === true;
  const keys = useDashboardKeys(controls, keysEnabled && state.end === undefined);
  const width = useTerminalWidth();
  const { exit } = useApp();
  const { run, progress, end } = state;
  const paused = end === undefined && (keys.paused ?? progress.paused);

  useEffect(() => {
    if (end !== undefined) exit();
  }, [end, exit]);

  return (
    <ThemeContext.Provider value={theme}>
      <FinishedRows items={finished} width={width} />
      <Box flexDirection="column">
        <DashboardHeader run={run} plan={state.plan} paused={paused} width={width} />
        {run === undefined ? null : <ProgressBar progress={progress} width={width} />}
        {run === undefined ? null : <StatusCounters counts={progress.counts} always={expectedStatuses(run)} />}
        <InFlightRows rows={state.inFlight} tick={tick} width={width} />
        {end === undefined ? (
          <StopNotice stopping={state.stopping} stopPresses={keys.stopPresses} inFlight={state.inFlight.length} />
        ) : null}
        {end === undefined ? null : <FailureSummary failures={state.failures} width={width} journal={run?.journal} />}
        {end === undefined || end.interrupted ? null : <NotSentSummary rows={state.notSent} planFailure={state.planFailure} />}
        {end === undefined ? null : <RunOutcome end={end} counts={progress.counts} />}
        {end === undefined && keysEnabled ? <KeyHelp expanded={keys.showHelp} paused={paused} /> : null}
      </Box>
    </ThemeContext.Provider>
  );
}
