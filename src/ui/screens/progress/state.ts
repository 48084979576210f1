import type { ContentIndex } from '../../../content/model.js';
import { progressFigures, reportSections } from '../../../progress/report.js';
import type { ProgressSnapshot } from '../../../progress/snapshot.js';
import { type TerminalSize, bodyHeight } from '../../layout.js';
import { type Line, seg } from '../../markdown/types.js';
import { truncate } from '../../markdown/width.js';
import { wrap } from '../../markdown/wrap.js';
import type { ScreenContext } from '../model.js';

// The Progress screen: the same report `shardlab progress` prints, styled, in a scrolling pane.
// The lines are worked out when the progress or the width changes, not on every key.

export interface ProgressState {
  index: ContentIndex;
  progress: ProgressSnapshot | undefined;
  size: TerminalSize;
  lines: readonly Line[];
  scroll: number;
}

export type ProgressAction = { type: 'scroll'; by: number } | { type: 'scrollPage'; by: number } | { type: 'scrollTo'; position: 'top' | 'bottom' };

export function progressLines(index: ContentIndex, progress: ProgressSnapshot | undefined, width: number): Line[] {
  if (!progress) return [[seg(' Progress is not available in this run.', { tone: 'warning' })]];
  const out: Line[] = [];
  for (const section of reportSections(progressFigures(index, progress), width - 2)) {
    if (out.length > 0) out.push([]);
    out.push([seg(' '), seg(truncate(section.title, width - 1), { bold: true, tone: 'heading' })]);
    for (const line of section.lines) {
      const style = line.chart ? { tone: 'due' as const } : line.strong ? { bold: true } : {};
      if (line.hang === undefined) out.push([seg(' '), seg(truncate(line.text, width - 1), style)]);
      else {
        // The label column keeps its padding; only the value wraps, under itself.
        const label = line.text.slice(0, line.hang);
        out.push(...wrap([seg(line.text.slice(line.hang), style)], { width, first: [seg(` ${label}`)], rest: [seg(' '.repeat(line.hang + 1))] }));
      }
    }
  }
  return out;
}

function settle(state: ProgressState): ProgressState {
  const max = Math.max(0, state.lines.length - bodyHeight(state.size));
  const scroll = Math.min(Math.max(0, state.scroll), max);
  return scroll === state.scroll ? state : { ...state, scroll };
}

export function initProgress(ctx: ScreenContext, size: TerminalSize): ProgressState {
  return settle({ index: ctx.index, progress: ctx.progress, size, lines: progressLines(ctx.index, ctx.progress, size.columns), scroll: 0 });
}

export function progressReducer(state: ProgressState, action: ProgressAction): ProgressState {
  const page = Math.max(1, bodyHeight(state.size) - 2);
  switch (action.type) {
    case 'scroll':
      return settle({ ...state, scroll: state.scroll + action.by });
    case 'scrollPage':
      return settle({ ...state, scroll: state.scroll + action.by * page });
    case 'scrollTo':
      return settle({ ...state, scroll: action.position === 'top' ? 0 : state.lines.length });
  }
}

export function resizeProgress(state: ProgressState, size: TerminalSize): ProgressState {
  if (size.columns === state.size.columns && size.rows === state.size.rows) return state;
  return settle({ ...state, size, lines: size.columns === state.size.columns ? state.lines : progressLines(state.index, state.progress, size.columns) });
}

export function refreshProgressScreen(state: ProgressState, ctx: ScreenContext): ProgressState {
  if (ctx.progress === state.progress && ctx.index === state.index) return state;
  return settle({ ...state, index: ctx.index, progress: ctx.progress, lines: progressLines(ctx.index, ctx.progress, state.size.columns) });
}
