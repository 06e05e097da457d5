import type { InputError } from './errors.js';
import { formatProblem } from './problem.js';
import { t } from '../i18n/messages.js';

/** An input file's problems, one line each, then what they mean and the hint: the CLI's exit 2, the wizard's "choose again". */
export function formatInputError(error: InputError): string {
  const lines = error.problems.map((p) => formatProblem(p, error.source));
  return `${lines.join('\n')}\n${t('error.inputSummary', { message: error.message })}\n${error.hint ? `${t('error.hint', { hint: error.hint })}\n` : ''}`;
}
