import { Frame } from '../../components/frame.js';
import { LineBlock } from '../../components/styled-line.js';
import { bodyHeight } from '../../layout.js';
import type { ScreenViewProps } from '../definition.js';
import { labsBody } from './lines.js';
import type { LabsState } from './state.js';

export function LabsView({ state, size, hints }: ScreenViewProps<LabsState>) {
  const height = bodyHeight(size);
  const body = labsBody(state, size.columns);
  return (
    <Frame size={size} path={['Labs']} hints={hints} status={body.status}>
      <LineBlock lines={body.lines} width={size.columns} height={height} />
    </Frame>
  );
}
