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
