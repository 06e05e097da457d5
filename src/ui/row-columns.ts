/** Width of the `L1234` column of row lines, space included. */
export const LINE_COLUMN = 8;

/**
 * Width the registry/namespace column of row lines is padded to, so finished and in-flight rows
 * line up; 0 (no padding) on narrow terminals, where every column counts.
 */
export function keyColumn(width: number): number {
  if (width >= 100) return 32;
  if (width >= 80) return 22;
  return 0;
}

/** `L12` padded to the line column. */
export function lineLabel(line: number): string {
  return `L${line}`.padEnd(LINE_COLUMN - 1);
}
