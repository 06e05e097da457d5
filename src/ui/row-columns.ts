/** Width of the `L1234` column of row lines, space included. */
export const LINE_COLUMN = 8;

/**
 * Width of the registry/namespace cell of row lines, including the two blank columns after it, so
 * finished and in-flight rows line up. Longer keys are cut; on narrow terminals the cell is smaller.
 */
export function keyCell(width: number): number {
  if (width >= 100) return 34;
  if (width >= 80) return 24;
  return 20;
}

/** `L12` padded to the line column. */
export function lineLabel(line: number): string {
  return `L${line}`.padEnd(LINE_COLUMN - 1);
}

/**
 * `text` padded or cut (ending in `ellipsis`) to exactly `cell - 2` characters, then two spaces.
 * Counts UTF-16 units, which is exact for registry IDs and namespace names (ASCII by the API's
 * rules); a stray wide character in an invalid row only shifts that row's later columns.
 */
export function fitCell(text: string, cell: number, ellipsis: string): string {
  const room = cell - 2;
  const fitted = text.length <= room ? text.padEnd(room) : `${text.slice(0, Math.max(0, room - ellipsis.length))}${ellipsis}`;
  return `${fitted}  `;
}
