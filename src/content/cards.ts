import { diagnostic } from './diagnostics.js';
import type { Card, CardKind, Diagnostic, Topic } from './model.js';
import { shortHash } from './text.js';

// Flashcards follow the Obsidian Spaced Repetition conventions so existing notes work unchanged:
//   front :: back            one card
//   front ::: back           a card and its reverse
//   front lines / ? / back   a multi-line card (?? for one with its reverse), ended by a blank line
//   text with ==hidden==     one cloze card per highlighted span
// Scanning is line-based, like Obsidian's, because a multi-line back may hold a list that markdown
// would parse as a separate block.

const LIST_MARKER = /^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/;
const QUOTE_MARKER = /^\s*(?:>\s*)+/;
const INLINE_CODE = /`+[^`]*`+/g;

export interface CardScanInput {
  file: string;
  fileId: string;
  bodyLines: string[];
  /** Body line numbers (1-based) that belong to code, tables, HTML or headings. */
  excluded: Set<number>;
  lineOffset: number;
  topicAtLine(bodyLine: number): Topic;
}

export interface CardScanResult {
  cards: Card[];
  /** Body lines that hold card syntax: they are not prose, so they yield no numeric mentions. */
  cardLines: Set<number>;
  diagnostics: Diagnostic[];
}

interface Line {
  n: number;
  text: string;
}

export function scanCards(input: CardScanInput): CardScanResult {
  const out: CardScanResult = { cards: [], cardLines: new Set(), diagnostics: [] };
  const seenFronts = new Map<string, number>();

  const emit = (kind: CardKind, front: string, back: string, bodyLine: number, reverse = false) => {
    const line = bodyLine + input.lineOffset;
    const f = front.trim();
    const b = back.trim();
    if (!f || !b) {
      out.diagnostics.push(diagnostic('E010', input.file, line, `flashcard has an empty ${!f ? 'front' : 'back'}`));
      return;
    }
    const key = `${kind}:${reverse ? 'rev:' : ''}${normalise(f)}`;
    const firstLine = seenFronts.get(key);
    if (firstLine !== undefined) {
      out.diagnostics.push(diagnostic('W016', input.file, line, `this card's front repeats the card at line ${firstLine}; only the first is kept`));
      return;
    }
    seenFronts.set(key, line);
    out.cards.push({
      id: `${input.fileId}/${shortHash(key)}`,
      topic: input.topicAtLine(bodyLine).id,
      front: f,
      back: b,
      kind,
      source: { file: input.file, line },
    });
  };

  for (const block of blocks(input)) {
    const consumed = new Set<number>();

    for (const { n, text } of block) {
      const sep = findSeparator(text);
      if (!sep) continue;
      const content = text.replace(LIST_MARKER, '').replace(QUOTE_MARKER, '');
      const at = findSeparator(content)!;
      const front = content.slice(0, at.index);
      const back = content.slice(at.index + at.length);
      consumed.add(n);
      out.cardLines.add(n);
      if (at.length === 3) {
        emit('reversed', front, back, n);
        emit('reversed', back, front, n, true);
      } else emit('basic', front, back, n);
    }

    const sepIndex = block.findIndex((l) => !consumed.has(l.n) && /^\s*\?\??\s*$/.test(l.text));
    if (sepIndex !== -1) {
      let frontStart = sepIndex;
      while (frontStart > 0 && !consumed.has(block[frontStart - 1]!.n)) frontStart--;
      const frontLines = block.slice(frontStart, sepIndex);
      const backLines = block.slice(sepIndex + 1).filter((l) => !consumed.has(l.n));
      const sepLine = block[sepIndex]!;
      const first = frontLines[0] ?? sepLine;
      const front = frontLines.map((l) => l.text).join('\n');
      const back = backLines.map((l) => l.text).join('\n');
      for (const l of [...frontLines, sepLine, ...backLines]) {
        consumed.add(l.n);
        out.cardLines.add(l.n);
      }
      emit('multiline', front, back, first.n);
      if (sepLine.text.trim() === '??') emit('multiline', back, front, first.n, true);
    }

    for (const item of items(block.filter((l) => !consumed.has(l.n)))) scanCloze(item, input, out, emit);
  }
  return out;
}

function scanCloze(
  item: Line[],
  input: CardScanInput,
  out: CardScanResult,
  emit: (kind: CardKind, front: string, back: string, bodyLine: number) => void,
): void {
  const text = item.map((l) => l.text.replace(LIST_MARKER, '')).join('\n');
  const visible = text.replace(INLINE_CODE, (m) => ' '.repeat(m.length));
  const marks: number[] = [];
  for (let i = visible.indexOf('=='); i !== -1; i = visible.indexOf('==', i + 2)) {
    // `===` and longer runs are not cloze markers (setext underlines, code-ish comparisons).
    if (visible[i + 2] === '=' || visible[i - 1] === '=') {
      while (visible[i + 2] === '=') i++;
      continue;
    }
    marks.push(i);
  }
  if (marks.length === 0) return;
  const firstLine = item[0]!.n;
  if (marks.length % 2 === 1) {
    const lastMark = marks[marks.length - 1]!;
    const lineWithin = text.slice(0, lastMark).split('\n').length - 1;
    const bodyLine = item[lineWithin]?.n ?? firstLine;
    const column = lastMark - text.lastIndexOf('\n', lastMark - 1);
    out.diagnostics.push(diagnostic('E011', input.file, bodyLine + input.lineOffset, 'unclosed `==`: a cloze needs a closing `==`', column));
    return;
  }
  for (const l of item) out.cardLines.add(l.n);
  const spans: { from: number; to: number }[] = [];
  for (let i = 0; i < marks.length; i += 2) spans.push({ from: marks[i]!, to: marks[i + 1]! });
  const reveal = (except: number | null, hiddenAs: (s: string) => string) => {
    let result = '';
    let cursor = 0;
    spans.forEach((s, idx) => {
      const inner = text.slice(s.from + 2, s.to);
      result += text.slice(cursor, s.from) + (idx === except ? hiddenAs(inner) : inner);
      cursor = s.to + 2;
    });
    return result + text.slice(cursor);
  };
  spans.forEach((s, idx) => {
    const inner = text.slice(s.from + 2, s.to);
    if (!inner.trim()) {
      out.diagnostics.push(diagnostic('E010', input.file, firstLine + input.lineOffset, 'cloze deletion `====` hides nothing'));
      return;
    }
    emit('cloze', reveal(idx, () => '[...]'), reveal(idx, (x) => `**${x}**`), firstLine);
  });
}

/** Runs of non-blank lines outside code, tables and headings. */
function* blocks(input: CardScanInput): Generator<Line[]> {
  let current: Line[] = [];
  for (let i = 0; i < input.bodyLines.length; i++) {
    const n = i + 1;
    const text = input.bodyLines[i] ?? '';
    if (input.excluded.has(n) || text.trim() === '') {
      if (current.length) yield current;
      current = [];
      continue;
    }
    current.push({ n, text });
  }
  if (current.length) yield current;
}

/** Splits a block into list items (with their indented continuation lines) and plain paragraphs. */
function items(lines: Line[]): Line[][] {
  const result: Line[][] = [];
  let current: Line[] = [];
  let currentIsList = false;
  for (const line of lines) {
    const isMarker = LIST_MARKER.test(line.text) && !QUOTE_MARKER.test(line.text.replace(LIST_MARKER, ''));
    const continues = current.length > 0 && !isMarker && (!currentIsList || /^\s+/.test(line.text));
    if (!continues) {
      if (current.length) result.push(current);
      current = [];
      currentIsList = isMarker;
    }
    current.push(line);
  }
  if (current.length) result.push(current);
  return result;
}

/** Finds `::` or `:::` outside inline code; a run of four or more colons is not a separator. */
function findSeparator(text: string): { index: number; length: 2 | 3 } | null {
  const visible = text.replace(INLINE_CODE, (m) => ' '.repeat(m.length));
  const re = /:{2,}/g;
  for (let m = re.exec(visible); m; m = re.exec(visible)) {
    if (m[0].length !== 2 && m[0].length !== 3) continue;
    // ARNs (`arn:aws:iam::123456789012:role/x`) and IPv6 addresses hold `::` inside one token.
    const lastToken = visible.slice(0, m.index).split(/\s/).pop() ?? '';
    if (lastToken.includes(':') && /\S/.test(visible[m.index + m[0].length] ?? '')) continue;
    return { index: m.index, length: m[0].length as 2 | 3 };
  }
  return null;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
