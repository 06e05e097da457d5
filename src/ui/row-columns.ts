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
