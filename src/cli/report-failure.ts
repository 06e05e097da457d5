import { CancelledError, DeclinedError, InputError, UsageError } from '../core/errors.js';
import { formatInputError } from '../core/format-input-error.js';
import { t } from '../i18n/messages.js';

/** The one place that turns a thrown error into words and an exit code. */
export function reportFailure(error: unknown, err: NodeJS.WritableStream): number {
  if (error instanceof InputError) {
    err.write(formatInputError(error));
    return 2;
  }
  if (error instanceof UsageError) {
    err.write(`${t('error.prefix', { message: error.message })}\n${error.hint ? `${t('error.hint', { hint: error.hint })}\n` : ''}`);
    return 2;
  }
  if (error instanceof DeclinedError) {
    err.write(`${error.message}\n`);
    return 2;
  }
  if (error instanceof CancelledError) {
    err.write(`${error.message}\n`);
    return 130;
  }
  err.write(`${t('error.bug')}\n${(error as Error)?.stack ?? String(error)}\n`);
  return 70;
}
