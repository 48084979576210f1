import { useStdout } from 'ink';
import { useEffect, useState } from 'react';
import { type TerminalSize, fallbackSize } from '../layout.js';

function measure(stdout: NodeJS.WriteStream): TerminalSize {
  // Columns and rows are undefined (or 0) when stdout is not a terminal, as in tests.
  return { columns: stdout.columns || fallbackSize.columns, rows: stdout.rows || fallbackSize.rows };
}

/** The terminal's size, updated on resize (Ink 6 has no hook for it). */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => measure(stdout));
  useEffect(() => {
    const onResize = () => {
      const next = measure(stdout);
      setSize((prev) => (prev.columns === next.columns && prev.rows === next.rows ? prev : next));
    };
    stdout.on('resize', onResize);
    onResize();
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
