import type { Line } from '../markdown/types.js';
import { LineBlock } from './styled-line.js';

/** The key help, drawn in place of the screen's body; `scroll` is kept in range by the router. */
export function HelpOverlay({ lines, scroll, width, height }: { lines: readonly Line[]; scroll: number; width: number; height: number }) {
  return <LineBlock lines={lines.slice(scroll, scroll + height)} width={width} height={height} />;
}
