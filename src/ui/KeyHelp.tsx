import { ThemedText } from './ThemedText.js';
import { useTheme } from './use-theme.js';
import { t } from '../i18n/messages.js';

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
    ? [t(paused ? 'dash.keyResume' : 'dash.keyPause'), t('dash.keyStop'), t('dash.keyHide')].join(glyphs.separator)
    : t('dash.keys');
  return <ThemedText dim wrap="truncate-end">{text}</ThemedText>;
}
