import { render } from 'ink';
import type { BatchControls, BatchEventSource } from '../core/batch-events.js';
import { Dashboard } from './Dashboard.js';
import { trackLineEnd } from './track-line-end.js';
import type { TerminalTheme } from './terminal-theme.js';

export interface MountDashboardOptions {
  readonly source: BatchEventSource;
  readonly controls: BatchControls;
  readonly stdout: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
  readonly theme: TerminalTheme;
  readonly frameMs: number;
  readonly signal?: AbortSignal;
}

/** Renders the dashboard with Ink and resolves when it has unmounted (after `end`, or on abort). */
export async function mountDashboard(options: MountDashboardOptions): Promise<void> {
  const { source, controls, stdin, theme, frameMs, signal } = options;
  const stdout = trackLineEnd(options.stdout);
  const instance = render(<Dashboard source={source} controls={controls} theme={theme} frameMs={frameMs} />, {
    stdout: stdout.stream,
    stdin,
    // Ctrl-C must reach controls.stop() so rows in flight can finish and results get written.
    exitOnCtrlC: false,
    // Ink's own throttle must not be slower than our frames, or it would drop them.
    maxFps: Math.max(30, Math.ceil(1000 / Math.max(1, frameMs))),
  });
  const exited = instance.waitUntilExit();
  const onAbort = (): void => instance.unmount();
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await exited;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // What follows the dashboard (the coverage, the closing lines) starts on a line of its own.
    if (!stdout.atLineStart()) options.stdout.write('\n');
  }
}
