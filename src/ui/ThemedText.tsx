import type { ReactNode } from 'react';
import { Text } from 'ink';
import { useTheme } from './use-theme.js';

export interface ThemedTextProps {
  /** Foreground colour; dropped when the theme has no colour. */
  readonly color?: string;
  /** Bold; dropped with colour, since NO_COLOR output must carry no escape codes at all. */
  readonly bold?: boolean;
  /** Dim; dropped with colour. */
  readonly dim?: boolean;
  /** Inverse video, for badges; dropped with colour. */
  readonly inverse?: boolean;
  /** Ink's wrap mode; long values on one-line rows use `truncate-end`. */
  readonly wrap?: 'wrap' | 'truncate-end' | 'truncate-middle';
  readonly children?: ReactNode;
}

/** Ink's `<Text>`, with every style gated on the theme so colourless terminals get plain text. */
export function ThemedText({ color, bold, dim, inverse, wrap, children }: ThemedTextProps) {
  const { color: styled } = useTheme();
  return (
    <Text
      color={styled ? color : undefined}
      bold={styled && bold}
      dimColor={styled && dim}
      inverse={styled && inverse}
      wrap={wrap}
    >
      {children}
    </Text>
  );
}
