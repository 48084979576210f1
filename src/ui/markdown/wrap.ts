import { type Line, type Segment, type Style, seg } from './types.js';
import { charWidth, textWidth } from './width.js';

export interface WrapOptions {
  width: number;
  /** Put before the first line (a list marker, a quote bar). */
  first?: Line;
  /** Put before every later line (the hanging indent). Defaults to `first`. */
  rest?: Line;
}

type Token = { kind: 'word'; pieces: Segment[]; width: number } | { kind: 'space'; style: Style } | { kind: 'break' };

function tokenize(segments: readonly Segment[]): Token[] {
  const tokens: Token[] = [];
  let word: Segment[] | undefined;
  let wordWidth = 0;
  const endWord = () => {
    if (word) tokens.push({ kind: 'word', pieces: word, width: wordWidth });
    word = undefined;
    wordWidth = 0;
  };
  for (const s of segments) {
    for (const part of s.text.split(/(\n|[ \t]+)/)) {
      if (part === '') continue;
      if (part === '\n') {
        endWord();
        tokens.push({ kind: 'break' });
      } else if (/^[ \t]+$/.test(part)) {
        endWord();
        tokens.push({ kind: 'space', style: s.style });
      } else {
        // Adjacent runs with no space between them (`**bold**,`) stay one unbreakable word.
        word ??= [];
        word.push(seg(part, s.style));
        wordWidth += textWidth(part);
      }
    }
  }
  endWord();
  return tokens;
}

function push(line: Segment[], piece: Segment): void {
  const last = line[line.length - 1];
  if (last && last.style === piece.style) last.text += piece.text;
  else line.push(seg(piece.text, piece.style));
}

/** Splits `pieces` after the first `room` cells. */
function splitPieces(pieces: readonly Segment[], room: number): [Segment[], Segment[], number] {
  const head: Segment[] = [];
  const tail: Segment[] = [];
  let used = 0;
  for (const p of pieces) {
    if (tail.length > 0) {
      tail.push(p);
      continue;
    }
    let taken = '';
    let rest = '';
    for (const ch of p.text) {
      const w = charWidth(ch);
      // An empty line still takes one character, so a too-narrow room cannot loop forever.
      if (rest === '' && (used + w <= room || used === 0)) {
        taken += ch;
        used += w;
      } else rest += ch;
    }
    if (taken) head.push(seg(taken, p.style));
    if (rest) tail.push(seg(rest, p.style));
  }
  return [head, tail, used];
}

export function lineWidth(line: Line): number {
  let w = 0;
  for (const s of line) w += textWidth(s.text);
  return w;
}

/**
 * Greedy word wrap of styled text. Runs of spaces collapse to one, `\n` forces a break, and a word
 * longer than a whole line is split so no line is ever wider than `width`.
 */
export function wrap(segments: readonly Segment[], options: WrapOptions): Line[] {
  const first = options.first ?? [];
  const rest = options.rest ?? first;
  const firstRoom = Math.max(1, options.width - lineWidth(first));
  const restRoom = Math.max(1, options.width - lineWidth(rest));
  const lines: Line[] = [];
  let current: Segment[] = [];
  let used = 0;
  let space: Style | undefined;
  const room = () => (lines.length === 0 ? firstRoom : restRoom);
  const flush = () => {
    lines.push([...(lines.length === 0 ? first : rest).map((s) => seg(s.text, s.style)), ...current]);
    current = [];
    used = 0;
    space = undefined;
  };

  for (const token of tokenize(segments)) {
    if (token.kind === 'break') {
      flush();
      continue;
    }
    if (token.kind === 'space') {
      if (used > 0) space = token.style;
      continue;
    }
    const gap = space !== undefined && used > 0 ? 1 : 0;
    if (used + gap + token.width <= room()) {
      if (gap) push(current, seg(' ', space!));
      for (const p of token.pieces) push(current, p);
      used += gap + token.width;
      space = undefined;
      continue;
    }
    if (token.width <= room() || used + gap + 4 > room()) {
      if (used > 0) flush();
    } else if (gap) {
      push(current, seg(' ', space!));
      used += 1;
    }
    let pieces: Segment[] = token.pieces;
    let left = token.width;
    while (left > room() - used) {
      const [head, tail, taken] = splitPieces(pieces, room() - used);
      for (const p of head) push(current, p);
      flush();
      pieces = tail;
      left -= taken;
    }
    for (const p of pieces) push(current, p);
    used += left;
    space = undefined;
  }
  if (current.length > 0 || lines.length === 0) flush();
  return lines;
}

/** Hard-wraps preformatted text (code) at `width` cells without touching its spaces. */
export function wrapPreformatted(text: string, width: number, style: Style): Line[] {
  const lines: Line[] = [];
  for (const raw of text.replace(/\t/g, '  ').split('\n')) {
    let chunk = '';
    let used = 0;
    for (const ch of raw) {
      const w = charWidth(ch);
      if (used + w > width) {
        lines.push([seg(chunk, style)]);
        chunk = '';
        used = 0;
      }
      chunk += ch;
      used += w;
    }
    lines.push(chunk === '' ? [] : [seg(chunk, style)]);
  }
  return lines;
}
