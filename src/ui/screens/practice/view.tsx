import { Frame } from '../../components/frame.js';
import { LineBlock } from '../../components/styled-line.js';
import { bodyHeight } from '../../layout.js';
import type { ScreenViewProps } from '../definition.js';
import { practiceBody, practicePath } from './lines.js';
import type { PracticeState } from './state.js';

export function PracticeView({ state, size, hints }: ScreenViewProps<PracticeState>) {
  const height = bodyHeight(size);
  const body = practiceBody(state, size.columns, height);
  return (
    <Frame size={size} path={practicePath(state)} location={body.location} hints={hints} status={body.status}>
      <LineBlock lines={body.lines} width={size.columns} height={height} />
    </Frame>
  );
}
