import stringWidth from 'string-width';

/**
 * `text` cut to at most `cells` terminal cells, ending in `ellipsis` when cut. Ink's own
 * truncate-end can leave a wide (Chinese) character hanging one cell past the edge, which makes the
 * terminal wrap the row; text cut here first never does.
 */
export function fitCells(text: string, cells: number, ellipsis: string): string {
  if (stringWidth(text) <= cells) return text;
  const room = cells - stringWidth(ellipsis);
  if (room <= 0) return '';
  let out = '';
  let used = 0;
  for (const character of text) {
    const w = stringWidth(character);
    if (used + w > room) break;
    out += character;
    used += w;
  }
  return `${out}${ellipsis}`;
}

/** Whether a text has characters wider (or narrower) than one cell, so that counting characters would mismeasure it. */
export function hasWideCharacters(text: string): boolean {
  return stringWidth(text) !== text.length;
}

export interface WrapOptions {
  /** Printed before the first line (`Resume:    `); the lines after it are indented by its width. */
  readonly label?: string;
  /** Cells the lines after the first are indented by, when not the label's width (a hanging indent). */
  readonly indent?: number;
  /** Ends every line but the last, e.g. ` \` so that a wrapped shell command still pastes as one. */
  readonly continuation?: string;
}

/**
 * `label` and `text` broken into lines of at most `cells` terminal cells, between words: a terminal
 * (or Ink) left to wrap would cut ids and commands mid-word. Only a word wider than a line is cut.
 */
export function wrapCells(text: string, cells: number, { label = '', indent = stringWidth(label), continuation = '' }: WrapOptions = {}): string[] {
  if (stringWidth(label + text) <= cells) return [label + text];
  const room = Math.max(1, cells - Math.max(indent, stringWidth(label)) - stringWidth(continuation));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/).filter(Boolean)) {
    const joined = line ? `${line} ${word}` : word;
    if (stringWidth(joined) <= room) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    // A word longer than a line (a long path) is cut into pieces; nothing else is.
    while (stringWidth(line) > room) {
      const piece = fitCells(line, room, '') || ([...line][0] ?? '');
      lines.push(piece);
      line = line.slice(piece.length);
    }
  }
  if (line) lines.push(line);
  const pad = ' '.repeat(indent);
  return lines.map((l, i) => `${i === 0 ? label : pad}${l}${i < lines.length - 1 ? continuation : ''}`);
}
