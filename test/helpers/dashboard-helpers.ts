import type { BatchControls, BatchEvent, BatchEventListener, BatchEventSource } from '../../src/core/batch-events.js';
import { emptyCounts, resultOf, type RowResult, type RowStatus, type StatusCounts } from '../../src/core/result.js';

/** An event source the test drives by hand. */
export interface FakeSource extends BatchEventSource {
  emit(...events: BatchEvent[]): void;
  readonly listenerCount: () => number;
}

export function fakeSource(): FakeSource {
  const listeners = new Set<BatchEventListener>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(...events) {
      for (const event of events) for (const listener of listeners) listener(event);
    },
    listenerCount: () => listeners.size,
  };
}

/** Controls that record what the dashboard asked for. */
export function fakeControls(): BatchControls & { readonly calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
    stop: () => calls.push('stop'),
  };
}

export function startEvent(overrides: Partial<Extract<BatchEvent, { type: 'start' }>> = {}): BatchEvent {
  return {
    type: 'start',
    total: 10,
    settled: 0,
    endpoint: 'https://tcr.tencentcloudapi.com',
    regions: ['ap-guangzhou'],
    registries: ['tcr-abc123'],
    rate: 20,
    dryRun: false,
    journal: '/tmp/tcr-sigpolicy-journal.jsonl',
    doneStatus: 'created',
    ...overrides,
  };
}

/** A finished row of registry tcr-abc123, namespace `ns-<line>`. */
export function rowResult(line: number, status: RowStatus, outcome: Partial<RowResult> = {}): RowResult {
  return {
    ...resultOf(
      { line, Region: 'ap-guangzhou', RegistryId: 'tcr-abc123', NamespaceName: `ns-${line}`, Name: `policy-${line}`,
        KmsId: 'kms-key-1', KmsRegion: 'ap-guangzhou', Domain: '', Disabled: '' },
      status,
      { attempts: 1, RequestId: status === 'created' ? `req-${line}` : '' },
    ),
    ...outcome,
  };
}

export function progressEvent(done: number, total: number, counts: Partial<StatusCounts> = {}, extra: Partial<Extract<BatchEvent, { type: 'progress' }>> = {}): BatchEvent {
  return {
    type: 'progress', done, total, inFlight: 0, rate: 19.5, elapsedMs: 61_000, etaMs: 42_000,
    counts: { ...emptyCounts(), ...counts }, paused: false, ...extra,
  };
}

export function endEvent(counts: Partial<StatusCounts> = {}, interrupted = false): BatchEvent {
  return { type: 'end', counts: { ...emptyCounts(), ...counts }, elapsedMs: 125_000, interrupted };
}

/**
 * Polls until `check` returns true, or fails with the last frame so the test output shows what the user saw.
 * The deadline is generous: loading Ink under a busy full-suite run can take seconds; a pass returns at once.
 */
export async function waitFor(check: () => boolean, describe: () => string = () => '', timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting. Last frame:\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Occurrences of `needle` in `haystack`. */
export function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\u001B\[[0-9;?]*[A-Za-z]/;

/** A frame as the user reads it: escape codes removed. */
export function plain(frame: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (frame ?? '').replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
}
