import { Box } from 'ink';
import type { ReactNode } from 'react';
import type { Hint } from '../keys/bindings.js';
import { type TerminalSize, bodyHeight, frameHeight } from '../layout.js';
import { type Line, seg } from '../markdown/types.js';
import type { Notice } from '../router/notice.js';
import { footerLine, headerLine } from './chrome.js';
import { useNotice } from './notice-context.js';
import { StyledLine } from './styled-line.js';

export interface FrameProps {
  size: TerminalSize;
  /** Titles after the app name, outermost first. */
  path: readonly string[];
  /** Shown at the right of the header (a source location). */
  location?: string;
  hints: readonly Hint[];
  /** Shown at the right of the footer (a scroll position). */
  status?: string;
  /** A text prompt being typed, shown before the hints. */
  prompt?: Line;
  children: ReactNode;
}

/**
 * Every screen's outline: header row, body, footer row, exactly `frameHeight` rows tall so the
 * live region stays below the terminal height (no full-screen redraws, no flicker). The app's
 * notice, if any, shows at the right of the footer on whatever screen is up.
 */
function noticeSegment(notice: Notice | undefined) {
  if (!notice) return undefined;
  return seg(notice.text, notice.tone === 'error' ? { bold: true, tone: 'error' } : { bold: true, tone: 'heading' });
}

export function Frame({ size, path, location = '', hints, status, prompt, children }: FrameProps) {
  const notice = useNotice();
  return (
    <Box flexDirection="column" width={size.columns} height={frameHeight(size)} overflow="hidden">
      <StyledLine line={headerLine(path, location, size.columns)} />
      <Box flexDirection="column" height={bodyHeight(size)} overflow="hidden">
        {children}
      </Box>
      <StyledLine line={footerLine(hints, size.columns, status, prompt, noticeSegment(notice))} />
    </Box>
  );
}
