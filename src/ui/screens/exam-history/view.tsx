import { Frame } from '../../components/frame.js';
import { LineBlock } from '../../components/styled-line.js';
import { bodyHeight } from '../../layout.js';
import type { ScreenViewProps } from '../definition.js';
import { historyLines } from './lines.js';
import type { ExamHistoryState } from './state.js';

export function ExamHistoryView({ state, size, hints }: ScreenViewProps<ExamHistoryState>) {
  const height = bodyHeight(size);
  const lines = historyLines(state, size.columns);
  const top = Math.min(state.scroll, Math.max(0, lines.length - height));
  const below = Math.max(0, lines.length - top - height);
  return (
    <Frame size={size} path={['Mock exam', 'History']} hints={hints} status={below > 0 ? `↓ ${below} more (j)` : ''}>
      <LineBlock lines={lines.slice(top, top + height)} width={size.columns} height={height} />
    </Frame>
  );
}
