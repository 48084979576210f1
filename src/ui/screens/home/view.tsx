import { Frame } from '../../components/frame.js';
import { LineBlock } from '../../components/styled-line.js';
import { bodyHeight } from '../../layout.js';
import type { ScreenViewProps } from '../definition.js';
import { homeLines } from './lines.js';
import type { HomeState } from './state.js';

export function HomeView({ state, size, hints }: ScreenViewProps<HomeState>) {
  const height = bodyHeight(size);
  return (
    <Frame size={size} path={['Home']} location={state.root} hints={hints}>
      <LineBlock lines={homeLines(state, size.columns, height)} width={size.columns} height={height} />
    </Frame>
  );
}
