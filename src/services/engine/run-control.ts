import { setMaxListeners } from 'node:events';
import type { BatchControls } from '../../core/batch-events.js';

/**
 * Why a run stops early: Ctrl-C or SIGTERM, refused credentials, an endpoint refusing connections, the
 * --redis budget lost, a journal that cannot be written (no request goes out unrecorded), a listing
 * that failed while the items it found were being sent.
 */
export type StopReason = 'interrupt' | 'auth-failure' | 'unreachable' | 'redis-lost' | 'journal-failed' | 'listing-failed';

/** Every request in flight listens on the one signal; there can be hundreds. */
function createAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

/**
 * Pause, graceful stop and abort for a running batch. Faces (keys, signals) call these; the runner
 * asks `whenRunnable()` before starting a row and passes `signal` to requests so an abort cuts them.
 */
export class RunControl implements BatchControls {
  paused = false;
  stopping = false;
  stopReason: StopReason | undefined;
  private readonly abortController = createAbortController();
  private readonly stopController = createAbortController();
  private waiters: (() => void)[] = [];
  private readonly listeners: ((event: 'stop' | 'abort') => void)[] = [];

  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  /** Fires on the first stop: waits for a turn or a retry end at once. */
  get stopSignal(): AbortSignal {
    return this.stopController.signal;
  }

  get aborted(): boolean {
    return this.abortController.signal.aborted;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wake();
  }

  /** First call: stop starting rows and let those in flight finish. Second call: abort them. */
  stop(reason: StopReason = 'interrupt'): void {
    if (!this.stopping) {
      this.stopping = true;
      this.stopReason = reason;
      this.stopController.abort();
      this.wake();
      this.listeners.forEach((l) => l('stop'));
    } else if (reason === 'interrupt' && !this.aborted) {
      this.abortController.abort();
      this.listeners.forEach((l) => l('abort'));
    }
  }

  onChange(listener: (event: 'stop' | 'abort') => void): void {
    this.listeners.push(listener);
  }

  /** Resolves when rows may start: at once unless paused; on resume or stop otherwise. */
  whenRunnable(): Promise<void> {
    if (!this.paused || this.stopping) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((w) => w());
  }
}
