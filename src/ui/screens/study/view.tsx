import { Box, Text } from 'ink';
import { Frame } from '../../components/frame.js';
import { ScrollBar } from '../../components/scroll-bar.js';
import { LineBlock } from '../../components/styled-line.js';
import type { ScreenViewProps } from '../definition.js';
import { studyLayout } from './layout.js';
import { filterPrompt, paneStatus, paneWindow, treeLines } from './lines.js';
import { type StudyState, breadcrumb, selectedTopic } from './state.js';

export function StudyView({ state, size, hints }: ScreenViewProps<StudyState>) {
  const layout = studyLayout(size);
  const topic = selectedTopic(state);
  const pane = paneWindow(state);
  const tree = <LineBlock lines={treeLines(state)} width={layout.tree.width} height={layout.tree.height} />;
  const reading = (
    <Box flexDirection="row" height={pane.height}>
      {layout.mode === 'columns' && <Box width={1} />}
      <LineBlock lines={pane.lines} width={layout.pane.width} height={pane.height} />
      <Box width={1} />
      <ScrollBar total={pane.total} height={pane.height} top={pane.top} />
    </Box>
  );
  return (
    <Frame
      size={size}
      path={['Study', ...breadcrumb(state)]}
      location={topic ? `${topic.file}:${topic.line}` : ''}
      hints={hints}
      status={paneStatus(pane.top, pane.height, pane.total)}
      prompt={filterPrompt(state)}
    >
      {layout.mode === 'columns' ? (
        <Box flexDirection="row" height={layout.body}>
          {tree}
          <Box flexDirection="column" width={1} height={layout.body}>
            {Array.from({ length: layout.body }, (_, i) => (
              <Text key={i} dimColor>
                │
              </Text>
            ))}
          </Box>
          {reading}
        </Box>
      ) : (
        <Box flexDirection="column" height={layout.body}>
          {tree}
          <Text dimColor wrap="truncate-end">
            {'─'.repeat(size.columns)}
          </Text>
          {reading}
        </Box>
      )}
    </Frame>
  );
}
