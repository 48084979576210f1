import { Box, Text } from 'ink';
import { textProps } from '../color.js';
import type { Line } from '../markdown/types.js';
import { useColor } from './color-context.js';

/** One terminal row of styled segments. Never wraps: a row that wrapped would push the frame taller. */
export function StyledLine({ line }: { line: Line }) {
  const color = useColor();
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.map((s, i) => (
        <Text key={i} {...textProps(s.style, color)}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}

/** Exactly `height` rows: the lines given, then blank rows. */
export function LineBlock({ lines, height, width }: { lines: readonly Line[]; height: number; width: number }) {
  const rows = Array.from({ length: height }, (_, i) => lines[i] ?? []);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {rows.map((line, i) => (
        <StyledLine key={i} line={line} />
      ))}
    </Box>
  );
}
