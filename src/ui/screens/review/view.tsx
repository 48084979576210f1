import { Frame } from '../../components/frame.js';
import { LineBlock } from '../../components/styled-line.js';
import { bodyHeight } from '../../layout.js';
import type { Line } from '../../markdown/types.js';
import type { ScreenViewProps } from '../definition.js';
import { cardLines, deckLines, reviewLocation, reviewPath, summaryLines, waitingLines } from './lines.js';
import type { ReviewState } from './state.js';

/** The body lines for the mode the screen is in, and the footer's status. */
export function reviewBody(state: ReviewState, width: number, height: number): { lines: Line[]; status: string } {
  switch (state.mode) {
    case 'decks': {
      const at = state.rows.findIndex((r) => r.id === state.selected);
      return { lines: deckLines(state, width, height), status: state.flash ?? (state.rows.length > 1 ? `${at + 1}/${state.rows.length}` : '') };
    }
    case 'card': {
      const card = cardLines(state, width, height);
      const more = [card.above > 0 ? `↑ ${card.above}` : '', card.below > 0 ? `↓ ${card.below} more` : ''].filter(Boolean).join(' ');
      return { lines: card.lines, status: state.flash ?? more };
    }
    case 'waiting':
      return { lines: waitingLines(state, width, height), status: state.flash ?? '' };
    case 'summary':
      return { lines: summaryLines(state, width, height), status: state.flash ?? '' };
  }
}

export function ReviewView({ state, size, hints }: ScreenViewProps<ReviewState>) {
  const height = bodyHeight(size);
  const body = reviewBody(state, size.columns, height);
  return (
    <Frame size={size} path={reviewPath(state)} location={reviewLocation(state)} hints={hints} status={body.status}>
      <LineBlock lines={body.lines} width={size.columns} height={height} />
    </Frame>
  );
}
