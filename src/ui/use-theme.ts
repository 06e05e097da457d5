import { useContext } from 'react';
import { glyphsFor, type Glyphs } from './glyphs.js';
import type { TerminalTheme } from './terminal-theme.js';
import { ThemeContext } from './ThemeContext.js';

/** The theme in effect and the glyph set it implies. */
export function useTheme(): TerminalTheme & { readonly glyphs: Glyphs } {
  const theme = useContext(ThemeContext);
  return { ...theme, glyphs: glyphsFor(theme.unicode) };
}
