import { createContext } from 'react';
import { FULL_THEME, type TerminalTheme } from './terminal-theme.js';

/** The colour and glyph choices for everything below the dashboard. */
export const ThemeContext = createContext<TerminalTheme>(FULL_THEME);
