import type { BatchControls, BatchEventSource } from '../core/batch-events.js';
import { bufferSource } from './buffered-source.js';
import { DEFAULT_FRAME_MS } from './frame-timing.js';
import { preferProductionReact } from './react-production.js';
import { resolveTheme } from './terminal-theme.js';

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
  /** Milliseconds between screen updates (default 100, 10 a second). For benchmarks. */
  readonly frameMs?: number;
}

/**
 * Draws the batch dashboard until the run's `end` event has been drawn, then unmounts Ink and
 * resolves, leaving the final frame on screen. Callers import this module lazily and never write
 * JSX; it loads Ink and React itself, after choosing React's production build, and holds the
 * events emitted meanwhile so none are missed.
 */
export async function renderDashboard(options: RenderDashboardOptions): Promise<void> {
  const source = bufferSource(options.source);
  try {
    preferProductionReact();
    const { mountDashboard } = await import('./mount-dashboard.js');
    await mountDashboard({
      source,
      controls: options.controls,
      stdout: options.stdout ?? process.stdout,
      stdin: options.stdin ?? process.stdin,
      theme: resolveTheme(process.env, options.color),
      frameMs: options.frameMs ?? DEFAULT_FRAME_MS,
      signal: options.signal,
    });
  } finally {
    source.close();
  }
}
