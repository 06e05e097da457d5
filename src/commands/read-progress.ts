import type { TcrApi } from '../core/tcr-api.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';

/** Reading more than a moment: say so on stderr, first after `delayMs`, then every `everyMs`. */
export interface ReadProgress {
  /** `done` of the registries have been read. */
  update(done: number): void;
  stop(): void;
}

interface Timing {
  readonly delayMs?: number;
  readonly everyMs?: number;
}

/** Says `line()` on `err` after `delayMs`, then every `everyMs`, until stopped: quick reads stay silent. */
function repeatLine(err: NodeJS.WritableStream, line: () => string, o: Timing): () => void {
  const say = (): void => {
    err.write(`${line()}\n`);
  };
  let timer: NodeJS.Timeout | undefined = setTimeout(() => {
    say();
    timer = setInterval(say, o.everyMs ?? 2000);
    timer.unref();
  }, o.delayMs ?? 1000);
  timer.unref();
  return () => {
    clearTimeout(timer);
    clearInterval(timer);
  };
}

export function startReadProgress(err: NodeJS.WritableStream, total: number, o: Timing = {}): ReadProgress {
  let done = 0;
  const stop = repeatLine(err, () => t('status.reading', { done, total }), o);
  return {
    update(n) {
      done = n;
    },
    stop,
  };
}

/**
 * The account check before a run (the preflight, a resume's check) as the reads go: "Checking the
 * account (N reads)…" on stderr, which every face leaves to the terminal, so a slow or silent network
 * is never a blank screen. Returns the API to read through, counting, and how to stop saying it.
 */
export function checkingProgress(api: TcrApi, err: NodeJS.WritableStream, o: Timing = {}): { readonly api: TcrApi; stop(): void } {
  let reads = 0;
  const stop = repeatLine(err, () => t('plan.checking', { reads: count('count.readCall', reads) }), o);
  return {
    api: {
      async call(...args) {
        const outcome = await api.call(...args);
        if (outcome.ok || !outcome.notSent) reads += 1;
        return outcome;
      },
    },
    stop,
  };
}
