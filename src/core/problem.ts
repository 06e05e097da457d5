import { t } from '../i18n/messages.js';

/** Something wrong (error) or worth a look (warning) in the input, pinned to a line and column. */
export interface Problem {
  readonly severity: 'error' | 'warning';
  /** Line in the input file, or 0 for a problem with the whole input. */
  readonly line: number;
  readonly column?: string;
  readonly value?: string;
  /** What is wrong and what to do, in one line. */
  readonly message: string;
}

/** `error: team.csv line 7, NamespaceName 'Team_A': use lowercase letters, digits, . _ -` */
export function formatProblem(p: Problem, source = ''): string {
  const where = [source, p.line > 0 ? t('problem.line', { line: p.line }) : ''].filter(Boolean).join(' ');
  const what = p.column ? `${p.column}${p.value ? ` '${displayValue(p.value)}'` : ''}` : '';
  const place = [where, what].filter(Boolean).join(t('problem.placeSeparator'));
  const colon = t('problem.colon');
  return `${t(p.severity === 'error' ? 'problem.error' : 'problem.warning')}${colon}${place ? `${place}${colon}` : ''}${p.message}`;
}

export function isError(p: Problem): boolean {
  return p.severity === 'error';
}

/** Characters of a value a message quotes at most (SPEC): a 10 MB mistake must not become 10 MB of stderr. */
export const QUOTED_CHARACTERS = 40;

/**
 * A value as a message may show it: its first 40 characters (then `…`), with line breaks and other
 * control characters written out (`\u0000`, `\n`) so they cannot break the line or drive the terminal.
 */
export function displayValue(value: string, max = QUOTED_CHARACTERS): string {
  const head = value.length > max ? `${value.slice(0, max)}…` : value;
  // eslint-disable-next-line no-control-regex
  return head.replace(/[\u0000-\u001f\u007f-\u009f]/g, escapeControl);
}

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const escapeControl = (c: string): string => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
