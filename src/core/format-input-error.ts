import type { InputError } from './errors.js';
import { formatProblem, type Problem } from './problem.js';
import { summarisePerKind } from './summarise.js';
import { t } from '../i18n/messages.js';

/**
 * An input file's problems, one line each (at most 20 of each kind, then how many more), then what
 * they mean and the hint: the CLI's exit 2, the wizard's "choose again".
 */
export function formatInputError(error: InputError): string {
  const lines = problemLines(error.problems, error.source);
  return `${lines.join('\n')}\n${t('error.inputSummary', { message: error.message })}\n${error.hint ? `${t('error.hint', { hint: error.hint })}\n` : ''}`;
}

/** Problems as lines: at most 20 of each kind (the same severity and message), then how many more. */
export function problemLines(problems: readonly Problem[], source: string): string[] {
  return summarisePerKind(problems, (p) => `${p.severity} ${p.message}`).map((s) =>
    ('item' in s ? formatProblem(s.item, source) : t('summary.moreProblems', { n: s.more })));
}
