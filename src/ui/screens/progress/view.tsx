import { Box } from 'ink';
import { Frame } from '../../components/frame.js';
import { ScrollBar } from '../../components/scroll-bar.js';
import { LineBlock } from '../../components/styled-line.js';
import { bodyHeight, scrollStatus } from '../../layout.js';
import type { ScreenViewProps } from '../definition.js';
import type { ProgressState } from './state.js';

export function ProgressView({ state, size, hints }: ScreenViewProps<ProgressState>) {
  const height = bodyHeight(size);
  const lines = state.lines.slice(state.scroll, state.scroll + height);
  return (
    <Frame size={size} path={['Progress']} hints={hints} status={scrollStatus(state.scroll, height, state.lines.length)}>
      <Box flexDirection="row" height={height}>
        <LineBlock lines={lines} width={size.columns - 1} height={height} />
        <ScrollBar total={state.lines.length} height={height} top={state.scroll} />
      </Box>
    </Frame>
  );
}
