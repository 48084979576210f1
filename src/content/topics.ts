import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Topic } from './model.js';
import { IdAllocator, slugify } from './text.js';

export interface TopicBuild {
  root: Topic;
  /** Every topic of the file, the file topic first, in reading order. */
  all: Topic[];
  /** The innermost topic a body line (1-based, body numbering) belongs to. */
  topicAtLine(bodyLine: number): Topic;
  /** Whether a leading `#` heading became the file's title rather than a subtopic. */
  titleFromHeading: boolean;
}

interface Input {
  file: string;
  fileId: string;
  frontMatterTitle: string | undefined;
  /** From the file name; undefined when the name is a hash or number. */
  fallbackTitle: string | undefined;
  tree: Root;
  bodyLines: string[];
  lineOffset: number;
}

/**
 * A file is a topic and its headings are subtopics. A single leading `#` heading is the file's
 * title (the common "one H1 per document" style); several `#` headings are sections.
 */
export function buildTopics(input: Input): TopicBuild {
  const headings = input.tree.children.filter((n): n is Heading => n.type === 'heading' && n.position !== undefined);
  const h1s = headings.filter((h) => h.depth === 1);
  const first = headings[0];
  const firstText = first ? toString(first).trim() : '';
  const mergeFirst =
    first !== undefined &&
    first.depth === 1 &&
    h1s.length === 1 &&
    firstText !== '' &&
    (input.frontMatterTitle === undefined || firstText.toLowerCase() === input.frontMatterTitle.toLowerCase());
  const sections = mergeFirst ? headings.slice(1) : headings;

  const headingStart = (h: Heading) => h.position!.start.line;
  const headingEnd = (h: Heading) => h.position!.end.line;
  const sliceBody = (from: number, to: number) => input.bodyLines.slice(from - 1, to).join('\n').replace(/^\n+|\s+$/g, '');

  const firstSectionLine = sections[0] ? headingStart(sections[0]) : input.bodyLines.length + 1;
  const rootBodyLines = input.bodyLines.slice(0, firstSectionLine - 1);
  if (mergeFirst && first) {
    for (let l = headingStart(first); l <= headingEnd(first); l++) rootBodyLines[l - 1] = '';
  }
  const rootBodyStart = firstNonBlank(rootBodyLines) ?? 1;
  const root: Topic = {
    id: input.fileId,
    title: input.frontMatterTitle ?? (mergeFirst ? firstText : (input.fallbackTitle ?? (firstText || input.file))),
    file: input.file,
    line: 1,
    depth: 0,
    children: [],
    body: rootBodyLines.join('\n').replace(/^\n+|\s+$/g, ''),
    bodyLine: rootBodyStart + input.lineOffset,
  };

  const ids = new IdAllocator();
  const all: Topic[] = [root];
  const stack: Topic[] = [root];
  const starts: { line: number; topic: Topic }[] = [];
  sections.forEach((h, i) => {
    const next = sections[i + 1];
    const bodyFrom = headingEnd(h) + 1;
    const bodyTo = next ? headingStart(next) - 1 : input.bodyLines.length;
    const title = toString(h).trim() || `Section ${i + 1}`;
    while (stack.length > 1 && stack[stack.length - 1]!.depth >= h.depth) stack.pop();
    const parent = stack[stack.length - 1]!;
    const topic: Topic = {
      id: `${input.fileId}/${ids.take(slugify(title))}`,
      title,
      file: input.file,
      line: headingStart(h) + input.lineOffset,
      depth: h.depth,
      parent: parent.id,
      children: [],
      body: sliceBody(bodyFrom, bodyTo),
      bodyLine: (firstNonBlank(input.bodyLines.slice(bodyFrom - 1, bodyTo)) ?? 1) + bodyFrom - 1 + input.lineOffset,
    };
    parent.children.push(topic);
    stack.push(topic);
    all.push(topic);
    starts.push({ line: headingStart(h), topic });
  });

  const topicAtLine = (bodyLine: number): Topic => {
    let lo = 0;
    let hi = starts.length - 1;
    let found: Topic = root;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = starts[mid]!;
      if (s.line <= bodyLine) {
        found = s.topic;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };

  return { root, all, topicAtLine, titleFromHeading: mergeFirst };
}

function firstNonBlank(lines: string[]): number | undefined {
  const i = lines.findIndex((l) => l.trim() !== '');
  return i === -1 ? undefined : i + 1;
}
