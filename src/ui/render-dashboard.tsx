import './react-production.js';
import { render } from 'ink';
import type { BatchControls, BatchEventSource } from '../core/batch-events.js';
import { Dashboard } from './Dashboard.js';
import { resolveTheme } from './terminal-theme.js';
import { DEFAULT_FRAME_MS } from './use-batch-state.js';

export interface RenderDashboardOptions {
  /** The running batch's events. Subscribed to before this function first yields. */
  readonly source: BatchEventSource;
  /** Where the keys `p`, `q` and Ctrl-C send pause, resume and stop. */
  readonly controls: BatchControls;
  /** The terminal to draw on; default `process.stdout`. */
  readonly stdout?: NodeJS.WriteStream;
  /** Where keys come from; default `process.stdin`. Keys are read only when it is a TTY. */
  readonly stdin?: NodeJS.ReadStream;
  /** Force colour on or off; default: on unless `NO_COLOR` is set or `TERM=dumb`. */
  readonly color?: boolean;
  /** Tear the dashboard down early, e.g. when the runner throws instead of ending. */
  readonly signal?: AbortSignal;
  /** Milliseconds between screen updates (default 66, about 15 a second). For benchmarks. */
  readonly frameMs?: number;
}

/**
 * Draws the batch dashboard until the run's `end` event has been drawn, then unmounts Ink and
 * resolves, leaving the final frame on screen. The only module that loads Ink and React: callers
 * import it lazily and never write JSX.
 */
export async function renderDashboard(options: RenderDashboardOptions): Promise<void> {
  const { source, controls, stdout = process.stdout, stdin = process.stdin, signal } = options;
  const frameMs = options.frameMs ?? DEFAULT_FRAME_MS;
  const theme = resolveTheme(process.env, options.color);
  const instance = render(<Dashboard source={source} controls={controls} theme={theme} frameMs={frameMs} />, {
    stdout,
    stdin,
    // Ctrl-C must reach controls.stop() so rows in flight can finish and results get written.
    exitOnCtrlC: false,
    onRender: (m) => { const g = globalThis as unknown as { __renders: number[] }; (g.__renders ??= []).push(m.renderTime); },
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
  }
}
