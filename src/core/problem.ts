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
  const where = [source, p.line > 0 ? `line ${p.line}` : ''].filter(Boolean).join(' ');
  const what = p.column ? `${p.column}${p.value ? ` '${printable(p.value)}'` : ''}` : '';
  const place = [where, what].filter(Boolean).join(', ');
  return `${p.severity}: ${place ? `${place}: ` : ''}${p.message}`;
}

export function isError(p: Problem): boolean {
  return p.severity === 'error';
}

/** Shows line breaks and other control characters in a value instead of breaking the message. */
function printable(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f]/g, (c) => JSON.stringify(c).slice(1, -1));
}
