import { ThemedText } from './ThemedText.js';
import { useTheme } from './use-theme.js';

export interface KeyHelpProps {
  /** Show every key with what it does, instead of the one-line hint. */
  readonly expanded: boolean;
  /** Sending is paused, so `p` resumes. */
  readonly paused: boolean;
}

/** The keys the dashboard listens to; collapsed to a hint until `?` is pressed. */
export function KeyHelp({ expanded, paused }: KeyHelpProps) {
  const { glyphs } = useTheme();
  const text = expanded
    ? [`p ${paused ? 'resume' : 'pause'}`, 'q/Ctrl-C stop (twice: abort)', '? hide keys'].join(glyphs.separator)
    : '? keys';
  return <ThemedText dim wrap="truncate-end">{text}</ThemedText>;
}
