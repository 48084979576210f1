import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitColumns, renderMarkdown } from '../../src/ui/markdown/render.js';
import { sectionFacts, sectionLines } from '../../src/ui/markdown/section.js';
import { type Line, lineText, seg } from '../../src/ui/markdown/types.js';
import { textWidth, truncate, truncateStart } from '../../src/ui/markdown/width.js';
import { wrap, wrapPreformatted } from '../../src/ui/markdown/wrap.js';
import { fixtureFacts, fixtureTopic } from './fixtures.js';

const text = (lines: Line[]) => lines.map(lineText);
const render = (md: string, width = 40) => renderMarkdown(md, { width });
const widest = (lines: Line[]) => Math.max(0, ...lines.map((l) => textWidth(lineText(l))));
const segmentOf = (lines: Line[], needle: string) => lines.flat().find((s) => s.text.includes(needle));

describe('cell widths', () => {
  it('counts wide characters as two cells and combining marks as none', () => {
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('日本')).toBe(4);
    expect(textWidth('e\u0301')).toBe(1);
    expect(textWidth('1–128 MiB → ok')).toBe(14);
    expect(textWidth('🚀')).toBe(2);
  });

  it('truncates at either end with an ellipsis', () => {
    expect(truncate('Kinesis Data Streams', 10)).toBe('Kinesis D…');
    expect(truncate('short', 10)).toBe('short');
    expect(truncateStart('a › b › Hot shards', 12)).toBe('… Hot shards');
  });
});

describe('wrap', () => {
  it('wraps words at the width and keeps styles', () => {
    const lines = wrap([seg('one two '), seg('three', { bold: true }), seg(' four five')], { width: 10 });
    expect(text(lines)).toEqual(['one two', 'three four', 'five']);
    expect(lines[1]![0]).toEqual({ text: 'three', style: { bold: true } });
  });

  it('splits a word longer than the line', () => {
    expect(text(wrap([seg('abcdefghijkl')], { width: 5 }))).toEqual(['abcde', 'fghij', 'kl']);
  });

  it('puts a marker before the first line and a hanging indent before the rest', () => {
    expect(text(wrap([seg('alpha beta gamma')], { width: 10, first: [seg('• ')], rest: [seg('  ')] }))).toEqual(['• alpha', '  beta', '  gamma']);
  });

  it('honours hard breaks', () => {
    expect(text(wrap([seg('a\nb')], { width: 10 }))).toEqual(['a', 'b']);
  });

  it('never exceeds the width and never loses a word', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z日]{1,15}$/), { maxLength: 30 }), fc.integer({ min: 2, max: 60 }), (words, width) => {
        const lines = wrap([seg(words.join(' '))], { width });
        expect(widest(lines)).toBeLessThanOrEqual(width);
        expect(lines.map(lineText).join('').replace(/ /g, '')).toBe(words.join(''));
      }),
    );
  });

  it('hard-wraps preformatted text keeping its spaces', () => {
    expect(text(wrapPreformatted('  ab  cd', 4, {}))).toEqual(['  ab', '  cd']);
  });
});

describe('renderMarkdown', () => {
  it('styles headings, emphasis, strong and inline code', () => {
    const lines = render('# Title\n\nSome *soft* and **hard** words with `code`.');
    expect(text(lines)).toEqual(['Title', '', 'Some soft and hard words with code.']);
    expect(lines[0]![0]!.style).toMatchObject({ bold: true, tone: 'heading' });
    expect(segmentOf(lines, 'soft')!.style).toEqual({ italic: true });
    expect(segmentOf(lines, 'hard')!.style).toEqual({ bold: true });
    expect(segmentOf(lines, 'code')!.style).toEqual({ tone: 'code' });
  });

  it('wraps paragraphs at the width', () => {
    const lines = render('The shard is the base throughput unit of a stream and every shard has fixed limits.', 30);
    expect(text(lines)).toEqual(['The shard is the base', 'throughput unit of a stream', 'and every shard has fixed', 'limits.']);
  });

  it('keeps line breaks in line-per-thought notes and flashcards, joins hard-wrapped prose', () => {
    expect(text(render('retention 24 h\nmax 365 days'))).toEqual(['retention 24 h', 'max 365 days']);
    const prose =
      'This paragraph was wrapped by an editor at a fixed width of about seventy\ncharacters, so its line breaks carry no meaning.';
    expect(text(render(prose, 200))).toHaveLength(1);
    const card = render('Max record size? :: 1 MiB');
    expect(segmentOf(card, '::')!.style).toMatchObject({ dim: true });
  });

  it('shows cloze deletions highlighted without their markers', () => {
    const lines = render('A ==shard== holds records.');
    expect(text(lines)).toEqual(['A shard holds records.']);
    expect(segmentOf(lines, 'shard')!.style).toMatchObject({ bold: true, tone: 'cloze' });
  });

  it('renders nested and ordered lists with aligned markers', () => {
    const md = '- a\n  - b\n    - c\n- d\n\n8. eight\n9. nine\n10. ten';
    expect(text(render(md))).toEqual(['• a', '  ◦ b', '    ▪ c', '• d', '', ' 8. eight', ' 9. nine', '10. ten']);
  });

  it('indents a wrapped list item under its text', () => {
    expect(text(render('- one two three four', 10))).toEqual(['• one two', '  three', '  four']);
  });

  it('renders task lists', () => {
    expect(text(render('- [x] done\n- [ ] open'))).toEqual(['• [x] done', '• [ ] open']);
  });

  it('renders code blocks indented and dimmed, wrapped to fit', () => {
    const lines = render('```sh\naws kinesis list-streams --max-results 10\n```', 24);
    expect(text(lines)).toEqual(['  sh', '  aws kinesis list-strea', '  ms --max-results 10']);
    expect(lines[1]![1]!.style).toMatchObject({ dim: true, tone: 'code' });
  });

  it('renders block quotes with a bar', () => {
    expect(text(render('> quoted words here', 12))).toEqual(['│ quoted', '│ words here']);
  });

  it('shows links as text followed by the dimmed address', () => {
    const lines = render('See [the docs](https://example.com/x).', 80);
    expect(text(lines)).toEqual(['See the docs (https://example.com/x).']);
    expect(segmentOf(lines, 'the docs')!.style).toMatchObject({ underline: true, tone: 'link' });
    expect(segmentOf(lines, 'https://example.com/x')!.style).toEqual({ dim: true });
    expect(text(render('Go to https://example.com now.', 80))).toEqual(['Go to https://example.com now.']);
  });

  it('aligns table columns and honours column alignment', () => {
    const md = '| Limit | Value |\n|---|--:|\n| Write | 1 MiB/s |\n| Retention | 24 h |';
    const lines = text(render(md, 60));
    expect(lines).toEqual(['Limit     │   Value', '──────────┼────────', 'Write     │ 1 MiB/s', 'Retention │    24 h']);
    const bars = lines.filter((l) => l.includes('│')).map((l) => l.indexOf('│'));
    expect(new Set(bars).size).toBe(1);
  });

  it('wraps table cells inside their columns to fit the width', () => {
    const md = '| Feature | Classic | Enhanced fan-out |\n|---|---|---|\n| Read throughput | 2 MiB/s per shard shared by all consumers | 2 MiB/s per shard for each consumer |';
    const lines = render(md, 44);
    expect(widest(lines)).toBeLessThanOrEqual(44);
    const rows = text(lines);
    const columnStarts = rows.filter((l) => l.includes('│')).map((l) => l.indexOf('│'));
    expect(new Set(columnStarts).size).toBe(1);
    expect(rows.length).toBeGreaterThan(3);
  });

  it('falls back to one record per row when columns cannot fit', () => {
    const md = '| Limit | Value | Scope | Notes |\n|---|---|---|---|\n| Write throughput | 1 MiB/s | per shard | shared by producers |';
    expect(text(render(md, 30))).toEqual(['▪ Write throughput', '  Value: 1 MiB/s', '  Scope: per shard', '  Notes: shared by producers']);
  });

  it('fits columns by shrinking the widest first, never below their longest word', () => {
    expect(fitColumns([10, 30], [5, 8], 30)).toEqual([10, 20]);
    expect(fitColumns([10, 10], [10, 10], 15)).toBeUndefined();
  });

  it('highlights the Value cell of limit-table rows that are facts', () => {
    const md = '| Limit | Value |\n|---|---|\n| Write | 1 MiB/s |\n| Read | 2 MiB/s |';
    const lines = renderMarkdown(md, { width: 40, firstLine: 10, isFactRow: (row) => row.line === 12 && row.limit === 'Write' });
    expect(segmentOf(lines, '1 MiB/s')!.style).toMatchObject({ bold: true, tone: 'fact' });
    expect(segmentOf(lines, '2 MiB/s')!.style).toEqual({});
  });

  it('never returns a line wider than the width', () => {
    const md = '# A heading that is long\n\n| a | b |\n|---|---|\n| xxxxxxxxxxxxxxxxxxxx | yyyyyyyyyyyy |\n\n> - quoted list item with words\n\n```\nconst x = 1234567890123456789;\n```';
    for (const width of [12, 20, 33, 50]) expect(widest(render(md, width))).toBeLessThanOrEqual(width);
  });
});

describe('sectionLines', () => {
  const shards = fixtureTopic('Shards and throughput');

  it('shows the topic, then each subtopic heading and body, then its facts', () => {
    const lines = text(sectionLines(shards, fixtureFacts, 60));
    expect(lines[0]).toBe('Shards and throughput');
    expect(lines).toContain('Hot shards');
    expect(lines.indexOf('Hot shards')).toBeGreaterThan(lines.findIndex((l) => l.startsWith('Write')));
    const facts = lines.indexOf('Facts here');
    expect(facts).toBeGreaterThan(lines.indexOf('Hot shards'));
    expect(lines.slice(facts + 1, facts + 3)).toEqual(['• Write throughput → 1 MiB/s or 1,000 records/s (per shard)', '• Read throughput → 2 MiB/s (per shard, shared by classic']);
  });

  it('highlights the fact rows of its limit table', () => {
    const lines = sectionLines(shards, fixtureFacts, 80);
    const row = lines.find((l) => lineText(l).startsWith('GetRecords calls'))!;
    expect(row.find((s) => s.text === '5 calls/s')!.style).toMatchObject({ bold: true, tone: 'fact' });
  });

  it('includes the facts of subtopics in the file section', () => {
    expect(sectionFacts(fixtureTopic('Kinesis Data Streams'), fixtureFacts)).toHaveLength(4);
    expect(sectionFacts(fixtureTopic('Amazon SQS'), fixtureFacts)).toHaveLength(0);
  });

  it('is memoised per topic and width', () => {
    expect(sectionLines(shards, fixtureFacts, 50)).toBe(sectionLines(shards, fixtureFacts, 50));
    expect(sectionLines(shards, fixtureFacts, 51)).not.toBe(sectionLines(shards, fixtureFacts, 50));
  });
});
