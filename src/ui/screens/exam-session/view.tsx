import { Frame } from '../../components/frame.js';
import { LineBlock } from '../../components/styled-line.js';
import { bodyHeight } from '../../layout.js';
import type { ScreenViewProps } from '../definition.js';
import { sessionBody, sessionPath } from './lines.js';
import type { ExamSessionState } from './state.js';

export function ExamSessionView({ state, size, hints }: ScreenViewProps<ExamSessionState>) {
  const height = bodyHeight(size);
  const body = sessionBody(state, size.columns, height);
  return (
    <Frame size={size} path={sessionPath(state)} location={body.location} hints={hints} status={body.status} prompt={body.prompt}>
      <LineBlock lines={body.lines} width={size.columns} height={height} />
    </Frame>
  );
}
