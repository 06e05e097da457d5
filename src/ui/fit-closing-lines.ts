import stringWidth from 'string-width';
import { wrapCells } from './fit-cells.js';

/**
 * What a closing line starts with, its padding included: a label (`Resume:    `, `Roll back: `,
 * `结果：    `), a step (`  1. `), a row (`  L52  `) or an indent. Wrapped lines go under its end.
 */
const LABEL = /^(?:[^:：]{1,12}[:：] *| *\d+\. +| *L\d+ +| +)/;
/** The command a line offers to paste, and the note after it (`   (deletes the 3 created)`). */
const COMMAND = /^((?:tcr-sigpolicy|export) .*?)(?: {2,}([(（].*))?$/;

/**
 * The closing lines (results, journal, failures, resume, roll back) fitted to `width` cells: each
 * wraps between words under its label, and a command wraps with ` \` so that, pasted, it is still
 * one command; its note goes on a line of its own. A line that fits (any, at Infinity: not a terminal) is left as it is.
 */
export function fitClosingLines(lines: readonly string[], width: number): string[] {
  return lines.flatMap((line) => {
    if (stringWidth(line) <= width) return [line];
    const label = LABEL.exec(line)?.[0] ?? '';
    const rest = line.slice(label.length);
    const command = COMMAND.exec(rest);
    if (!command) return wrapCells(rest, width, { label });
    const [, words = '', note] = command;
    const commandLines = wrapCells(words, width, { label, continuation: ' \\' });
    if (!note) return commandLines;
    const together = `${commandLines.at(-1) ?? ''}   ${note}`;
    const pad = ' '.repeat(stringWidth(label));
    return commandLines.length === 1 && stringWidth(together) <= width ? [together] : [...commandLines, ...wrapCells(note, width, { label: pad })];
  });
}
