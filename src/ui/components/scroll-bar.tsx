import { Box, Text } from 'ink';
import { scrollThumb } from '../layout.js';

/** A one-column scroll bar for `height` rows showing `total` from `top`; blank when all fits. */
export function ScrollBar({ total, height, top }: { total: number; height: number; top: number }) {
  const thumb = scrollThumb(total, height, top);
  return (
    <Box flexDirection="column" width={1} height={height}>
      {Array.from({ length: height }, (_, i) => {
        const on = thumb !== undefined && i >= thumb.start && i < thumb.start + thumb.size;
        return (
          <Text key={i} dimColor={!on} bold={on}>
            {thumb === undefined ? ' ' : on ? '┃' : '│'}
          </Text>
        );
      })}
    </Box>
  );
}
