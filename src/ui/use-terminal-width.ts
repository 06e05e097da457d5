import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

const FALLBACK_COLUMNS = 80;

/** The terminal's width in columns, updated when the terminal is resized. */
export function useTerminalWidth(): number {
  const { stdout } = useStdout();
  const [width, setWidth] = useState(() => stdout.columns || FALLBACK_COLUMNS);
  useEffect(() => {
    const onResize = (): void => setWidth(stdout.columns || FALLBACK_COLUMNS);
    onResize();
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return width;
}
