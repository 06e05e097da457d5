/** How the dashboard may draw on this terminal. */
export interface TerminalTheme {
  /** Emit colour and other SGR styling (bold, dim). */
  readonly color: boolean;
  /** Use Unicode icons, spinner and bar; false means plain ASCII. */
  readonly unicode: boolean;
}

/**
 * Decides colour and glyphs from the environment. `NO_COLOR` (any value, as the brief asks) and
 * `TERM=dumb` turn colour off; a dumb terminal also gets ASCII. An explicit `color` wins over
 * `NO_COLOR`, because it comes from a flag the user typed.
 */
export function resolveTheme(env: Readonly<Record<string, string | undefined>>, color?: boolean): TerminalTheme {
  const dumb = env['TERM'] === 'dumb';
  return {
    color: color ?? (env['NO_COLOR'] === undefined && !dumb),
    unicode: !dumb,
  };
}

/** A theme with colour and Unicode, for tests and previews. */
export const FULL_THEME: TerminalTheme = { color: true, unicode: true };
