import { Frame } from '../../components/frame.js';
import { LineBlock } from '../../components/styled-line.js';
import { bodyHeight } from '../../layout.js';
import type { ScreenViewProps } from '../definition.js';
import { startLines } from './lines.js';
import type { ExamStartState } from './state.js';

export function ExamStartView({ state, size, hints }: ScreenViewProps<ExamStartState>) {
  const height = bodyHeight(size);
  const lines = startLines(state, size.columns);
  const below = Math.max(0, lines.length - height);
  return (
    <Frame size={size} path={['Mock exam']} hints={hints} status={state.flash ?? (below > 0 ? `↓ ${below} more` : '')}>
      <LineBlock lines={lines.slice(0, height)} width={size.columns} height={height} />
    </Frame>
  );
}
