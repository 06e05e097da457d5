import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { t } from '../i18n/messages.js';

export interface OutLock {
  release(): void;
}

/**
 * Takes `<out>.lock` (holding this process id) so two runs cannot write the same export at once. A
 * lock left by a process that no longer runs (killed, crashed) is taken over.
 */
export function lockOut(out: string): OutLock {
  const path = `${out}.lock`;
  for (let tries = 0; ; tries++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || tries > 0) throw lockError(out, path, error as Error);
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new UsageError(t('out.locked', { out, holder, path }), t('out.lockedHint', { path }));
      }
      unlinkSync(path);
    }
  }
  return {
    release() {
      try {
        unlinkSync(path);
      } catch {
        // already gone: nothing to release
      }
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockError(out: string, path: string, error: Error): UsageError {
  return new UsageError(t('out.lockFailed', { out, path, message: error.message }), t('out.writableHint'));
}
