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

export function formatProblem(p: Problem, source = ''): string {
  const where = [source, p.line > 0 ? `line ${p.line}` : ''].filter(Boolean).join(':');
  const column = p.column ? `${p.column}${p.value !== undefined ? ` '${p.value}'` : ''}: ` : '';
  return `${where ? `${where}: ` : ''}${p.severity}: ${column}${p.message}`;
}
