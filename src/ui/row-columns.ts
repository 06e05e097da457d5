/** Width of the `L1234` column of row lines, space included. */
export const LINE_COLUMN = 8;

/**
 * Width of the registry/namespace cell of row lines, including the two blank columns after it, so
 * finished and in-flight rows line up. Longer keys are cut in the middle; below 80 columns the
 * cell is wider, since there the namespace is the one thing on the row that tells it apart.
 */
export function keyCell(width: number): number {
  if (width >= 100) return 34;
  if (width >= 80) return 24;
  return 26;
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
  return `${abbreviateKey(text, room, ellipsis).padEnd(room)}  `;
}

/**
 * `registry/namespace` in at most `room` characters. What tells rows apart is kept: the namespace
 * whole when it can be, and the registry's last characters (`tcr-…cd34/payments`, `…cd34/recommendations`); whatever is
 * still too long is cut in the middle, never at the end.
 */
export function abbreviateKey(text: string, room: number, ellipsis: string): string {
  if (text.length <= room) return text;
  const slash = text.indexOf('/');
  if (slash > 0) {
    const registry = text.slice(0, slash);
    const rest = text.slice(slash);
    // One short form for every registry, so the rows still line up: `tcr-…cd34`.
    const short = abbreviateMiddle(registry, 4 + ellipsis.length + 4, ellipsis, 4);
    if (short.length + rest.length <= room) return `${short}${rest}`;
    const tail = `${ellipsis}${registry.slice(-4)}`;
    if (tail.length + rest.length <= room) return `${tail}${rest}`;
  }
  return abbreviateMiddle(text, room, ellipsis);
}

/** `text` cut to `room` characters by taking out its middle; `tail` characters of the end are kept when given. */
export function abbreviateMiddle(text: string, room: number, ellipsis: string, tail?: number): string {
  if (text.length <= room) return text;
  const keep = Math.max(0, room - ellipsis.length);
  const end = Math.min(keep, tail ?? Math.floor(keep / 2));
  return `${text.slice(0, keep - end)}${ellipsis}${end > 0 ? text.slice(-end) : ''}`;
}
