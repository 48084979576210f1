import { Box } from 'ink';
import { Frame } from '../../components/frame.js';
import { ScrollBar } from '../../components/scroll-bar.js';
import { LineBlock, StyledLine } from '../../components/styled-line.js';
import { bodyHeight, scrollStatus } from '../../layout.js';
import type { ScreenViewProps } from '../definition.js';
import { fileWindow, listLines, sectionBar } from './lines.js';
import { type ContentState, openTitle, openView, viewWidth } from './state.js';

export function ContentView({ state, size, hints }: ScreenViewProps<ContentState>) {
  const height = bodyHeight(size);
  const view = openView(state);
  if (state.open === undefined || !view) {
    const status = state.rows.length > 0 ? `${state.selected + 1}/${state.rows.length}` : '';
    return (
      <Frame size={size} path={['Content']} location={state.index.root} hints={hints} status={status}>
        <LineBlock lines={listLines(state, size.columns, height)} width={size.columns} height={height} />
      </Frame>
    );
  }
  const section = view.sections[state.section];
  const pane = fileWindow(state);
  return (
    <Frame
      size={size}
      path={['Content', openTitle(state) ?? state.open, ...(section ? [section.label] : [])]}
      location={state.open}
      hints={hints}
      status={scrollStatus(pane.top, pane.height, pane.total)}
    >
      <StyledLine line={sectionBar(view.sections, state.section, size.columns)} />
      <Box flexDirection="row" height={pane.height}>
        <LineBlock lines={pane.lines} width={viewWidth(size)} height={pane.height} />
        <Box width={1} />
        <ScrollBar total={pane.total} height={pane.height} top={pane.top} />
      </Box>
    </Frame>
  );
}
