import type { InputError } from './errors.js';
import { formatProblem } from './problem.js';

/** An input file's problems, one line each, then what they mean and the hint: the CLI's exit 2, the wizard's "choose again". */
export function formatInputError(error: InputError): string {
  const lines = error.problems.map((p) => formatProblem(p, error.source));
  return `${lines.join('\n')}\n${error.message}.\n${error.hint ? `hint: ${error.hint}\n` : ''}`;
}
