import type { Code, Paragraph, Root, Table } from 'mdast';
import { visit } from 'unist-util-visit';
import { scanCards } from './cards.js';
import { diagnostic } from './diagnostics.js';
import { parseFrontMatter } from './frontmatter.js';
import { parseMarkdown } from './markdown.js';
import { scanMentions } from './mentions.js';
import type { FileContent, FrontMatter, Topic } from './model.js';
import { preprocess } from './preprocess.js';
import { scanQuestion } from './questions.js';
import { scanTable } from './tables.js';
import { IdAllocator, slugify, titleFromFileName } from './text.js';
import { buildTopics } from './topics.js';

// Node types whose lines are not prose: flashcard syntax inside them is literal text.
const NON_PROSE = new Set(['code', 'table', 'html', 'heading', 'thematicBreak', 'definition', 'yaml']);
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Default topic id of a file: its path without extension, each segment slugged. */
export function fileIdFromPath(file: string): string {
  return file
    .replace(/\.(md|markdown|txt)$/i, '')
    .split('/')
    .map(slugify)
    .join('/');
}

/**
 * Turns one note into topics, cards, facts, comparisons, questions and numeric mentions.
 * Never throws: whatever cannot be read becomes a diagnostic and the rest still loads.
 */
export function parseNote(file: string, rawText: string): FileContent {
  try {
    return parseNoteUnsafe(file, rawText);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return emptyContent(file, [diagnostic('E099', file, 1, `could not read this file: ${message}`)]);
  }
}

/** A file that yielded nothing (yet): the parse fills the lists in; a failed read keeps them empty. */
export function emptyContent(file: string, diagnostics: FileContent['diagnostics'], topic?: Topic, frontMatter: FrontMatter = {}): FileContent {
  const id = fileIdFromPath(file);
  return {
    file,
    frontMatter,
    topic: topic ?? { id, title: titleFromFileName(file) ?? file, file, line: 1, depth: 0, children: [], body: '', bodyLine: 1 },
    cards: [],
    facts: [],
    comparisons: [],
    questions: [],
    mentions: [],
    links: [],
    diagnostics,
  };
}

function parseNoteUnsafe(file: string, rawText: string): FileContent {
  const text = rawText.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const fm = parseFrontMatter(file, text);
  const { text: body } = preprocess(fm.body);
  const bodyLines = body.split('\n');
  const tree: Root = parseMarkdown(body);
  const fileId = fm.data.id ?? fileIdFromPath(file);
  const offset = fm.lineOffset;

  const topics = buildTopics({
    file,
    fileId,
    frontMatterTitle: fm.data.title,
    fallbackTitle: titleFromFileName(file),
    tree,
    bodyLines,
    lineOffset: offset,
  });
  const content = emptyContent(file, [...fm.diagnostics], topics.root, fm.data);
  if (fm.data.title === undefined && !topics.titleFromHeading) {
    content.diagnostics.push(diagnostic('W003', file, 1, `no title: add \`title:\` to the front matter (shown as "${topics.root.title}")`));
  }

  const excluded = new Set<number>();
  visit(tree, (node) => {
    if (!NON_PROSE.has(node.type) || !node.position) return;
    for (let l = node.position.start.line; l <= node.position.end.line; l++) excluded.add(l);
  });

  const cards = scanCards({ file, fileId, bodyLines, excluded, lineOffset: offset, topicAtLine: topics.topicAtLine });
  content.cards = cards.cards;
  content.diagnostics.push(...cards.diagnostics);

  const factIds = new IdAllocator();
  const comparisonIds = new IdAllocator();
  const questionIds = new Map<string, number>();
  visit(tree, (node) => {
    const line = node.position?.start.line ?? 1;
    switch (node.type) {
      case 'table': {
        const r = scanTable({ file, table: node as Table, lineOffset: offset, topic: topics.topicAtLine(line), factIds, comparisonIds });
        content.facts.push(...r.facts);
        content.comparisons.push(...r.comparisons);
        content.diagnostics.push(...r.diagnostics);
        return undefined;
      }
      case 'code': {
        const code = node as Code;
        if (code.lang?.toLowerCase() !== 'question') return 'skip';
        const r = scanQuestion({ file, fileId, yaml: code.value, fenceLine: line + offset, topic: topics.topicAtLine(line) });
        content.diagnostics.push(...r.diagnostics);
        if (r.question) {
          const first = questionIds.get(r.question.id);
          if (first !== undefined) {
            content.diagnostics.push(diagnostic('E005', file, line + offset, `question id "${r.question.id}" is already used at line ${first}`));
          } else {
            questionIds.set(r.question.id, line + offset);
            content.questions.push(r.question);
          }
        }
        return 'skip';
      }
      case 'paragraph':
        content.mentions.push(
          ...scanMentions({ paragraph: node as Paragraph, lineOffset: offset, topicAtLine: topics.topicAtLine, cardLines: cards.cardLines, file }),
        );
        return undefined;
      case 'link':
      case 'image':
      case 'definition': {
        const url = (node as { url: string }).url;
        if (url && !SCHEME.test(url) && !url.startsWith('#') && !url.startsWith('/')) {
          const target = safeDecode(url.replace(/[#?].*$/, ''));
          if (target) content.links.push({ target, line: line + offset, column: node.position?.start.column ?? 1, image: node.type === 'image' });
        }
        return undefined;
      }
      default:
        return undefined;
    }
  });
  return content;
}

function safeDecode(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
