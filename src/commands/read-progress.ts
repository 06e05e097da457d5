import { t } from '../i18n/messages.js';

/** Reading more than a moment: say so on stderr, first after `delayMs`, then every `everyMs`. */
export interface ReadProgress {
  /** `done` of the registries have been read. */
  update(done: number): void;
  stop(): void;
}

export function startReadProgress(err: NodeJS.WritableStream, total: number, o: { readonly delayMs?: number; readonly everyMs?: number } = {}): ReadProgress {
  let done = 0;
  const say = (): void => {
    err.write(`${t('status.reading', { done, total })}\n`);
  };
  let timer: NodeJS.Timeout | undefined = setTimeout(() => {
    say();
    timer = setInterval(say, o.everyMs ?? 2000);
    timer.unref();
  }, o.delayMs ?? 1000);
  timer.unref();
  return {
    update(n) {
      done = n;
    },
    stop() {
      clearTimeout(timer);
      clearInterval(timer);
    },
  };
}
