// Finds the runnable examples in the docs and the help: `$ ` lines in fenced blocks and under EXAMPLES.
/** One thing an example session does, in order. */
export type Step =
  | { readonly kind: 'file'; readonly name: string; readonly text: string }
  | {
      readonly kind: 'run';
      readonly command: string;
      readonly line: number;
      readonly expectCode?: number;
      readonly where?: string;
      /** The output the doc shows under the command (up to the next `$ ` line), to be found in the real one. */
      readonly shown?: readonly string[];
    };

/**
 * Before a fence: `<!-- not run: why -->` leaves the block out; `<!-- file: NAME -->` writes it to NAME
 * first; `<!-- screen: why -->` runs it but does not compare its output (a terminal's screen, which
 * the test's pipes do not get).
 */
const NOT_RUN = /^<!-- not run\b/;
const SCREEN = /^<!-- screen\b/;
const FILE = /^<!-- file: (\S+) -->$/;

/** `$ cmd \` + continuation lines, joined; the line number is the first one's. */
function commands(lines: readonly string[], start: number, prefix: RegExp): { command: string; line: number; index: number }[] {
  const found: { command: string; line: number; index: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = prefix.exec(lines[i] as string);
    if (!m) continue;
    const first = i;
    let command = (lines[i] as string).slice(m[0].length);
    while (command.endsWith('\\') && i + 1 < lines.length) command = `${command.slice(0, -1)} ${(lines[++i] as string).trim()}`;
    found.push({ command: command.replace(/\s+#\s.*$/, '').trim(), line: start + first + 1, index: first });
  }
  return found;
}

/** The steps of a markdown file: its `$ ` lines in fenced blocks, with the exit code an `echo $?` after them shows. */
export function markdownSteps(text: string): Step[] {
  const lines = text.split('\n');
  const steps: Step[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```/.test(lines[i] as string)) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end === -1) break;
    const body = lines.slice(i + 1, end);
    const marker = (lines[i - 1] ?? '').trim() === '' ? (lines[i - 2] ?? '').trim() : (lines[i - 1] ?? '').trim();
    const file = FILE.exec(marker)?.[1];
    if (file) steps.push({ kind: 'file', name: file, text: `${body.join('\n')}\n` });
    else if (!NOT_RUN.test(marker)) {
      for (const c of commands(body, i + 1, /^\$ /)) {
        const echo = body.findIndex((l, j) => j > c.index && l.startsWith('$ '));
        const code = echo !== -1 && body[echo] === '$ echo $?' ? Number(body[echo + 1]) : undefined;
        let last = c.index;
        while ((body[last] ?? '').endsWith('\\')) last += 1;
        const shown = SCREEN.test(marker) ? undefined : body.slice(last + 1, echo === -1 ? body.length : echo).filter((l) => l.trim() !== '');
        steps.push({ kind: 'run', command: c.command, line: c.line, ...(shown ? { shown } : {}), ...(code !== undefined && Number.isInteger(code) ? { expectCode: code } : {}) });
      }
    }
    i = end;
  }
  return steps;
}

/** The EXAMPLES of a help text, each `  $ ` line with its continuations. */
export function helpSteps(help: string): Step[] {
  const lines = help.split('\n');
  const from = lines.indexOf('EXAMPLES');
  if (from === -1) return [];
  return commands(lines.slice(from + 1), from + 1, /^ {2}\$ /).map((c) => ({ kind: 'run', command: c.command, line: c.line }));
}
