import { Frame } from '../../components/frame.js';
import { LineBlock } from '../../components/styled-line.js';
import { bodyHeight } from '../../layout.js';
import type { ScreenViewProps } from '../definition.js';
import { labBody, labPath } from './lines.js';
import type { LabState } from './state.js';

export function LabView({ state, size, hints }: ScreenViewProps<LabState>) {
  const height = bodyHeight(size);
  const body = labBody(state, size.columns, size.rows);
  return (
    <Frame size={size} path={labPath(state)} hints={hints} status={body.status}>
      <LineBlock lines={body.lines} width={size.columns} height={height} />
    </Frame>
  );
}
