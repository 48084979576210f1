import type { Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Mention, Topic } from './model.js';
import { findQuantities } from './quantity.js';
import { shortHash } from './text.js';

// A sentence ends at a full stop, question or exclamation mark followed by space and a capital,
// or at a line break: bullet-style notes put one thought per line without punctuation.
const SENTENCE_BREAK = /(?<=[.!?])\s+(?=[A-Z0-9("“'])|\n+/g;

export interface MentionScanInput {
  paragraph: Paragraph;
  lineOffset: number;
  topicAtLine(bodyLine: number): Topic;
  /** Body lines holding flashcard syntax, which are not prose. */
  cardLines: Set<number>;
  file: string;
}

export function scanMentions(input: MentionScanInput): Mention[] {
  const start = input.paragraph.position?.start.line;
  if (start === undefined) return [];
  const text = toString(input.paragraph).replace(/==/g, '');
  const mentions: Mention[] = [];
  let cursor = 0;
  for (const sentence of splitSentences(text)) {
    const at = text.indexOf(sentence, cursor);
    cursor = at + sentence.length;
    const bodyLine = start + countNewlines(text, at);
    if (input.cardLines.has(bodyLine)) continue;
    const topic = input.topicAtLine(bodyLine);
    for (const quantity of findQuantities(sentence)) {
      mentions.push({
        id: `${topic.id}/m-${shortHash(`${sentence}\u0000${quantity.start}`)}`,
        topic: topic.id,
        sentence,
        quantity,
        source: { file: input.file, line: bodyLine + input.lineOffset },
      });
    }
  }
  return mentions;
}

function splitSentences(text: string): string[] {
  return text
    .split(SENTENCE_BREAK)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
