import { Box, Text } from 'ink';
import { type TerminalSize, frameHeight, minimumSize } from '../layout.js';

export function TooSmall({ size }: { size: TerminalSize }) {
  return (
    <Box flexDirection="column" width={size.columns} height={frameHeight(size)} overflow="hidden">
      <Text wrap="truncate-end" bold>
        shardlab needs {minimumSize.columns}×{minimumSize.rows}
      </Text>
      <Text wrap="truncate-end" dimColor>
        now {size.columns}×{size.rows} · Ctrl+C quits
      </Text>
    </Box>
  );
}
