import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/loader.js';
import type { ContentIndex, Topic } from '../../src/content/model.js';
import { flattenTopics } from '../../src/content/stats.js';

const index: ContentIndex = loadContent(join(import.meta.dirname, '..', 'fixtures', 'styles'));
const file = (name: string) => index.files.find((f) => f.file === name)!;
const titles = (t: Topic): unknown => (t.children.length ? { [t.title]: t.children.map(titles) } : t.title);

describe('topics from notes in every style', () => {
  it('plain text with ##### banners: banners are sections, # lines are bullets', () => {
    const f = file('banner-notes.txt');
    expect(f.topic.title).toBe('Banner notes');
    expect(titles(f.topic)).toEqual({ 'Banner notes': ['ingestion', 'timing classes', 'stream shards', 'queue basics'] });
    const timing = f.topic.children[1]!;
    expect(timing.line).toBe(6);
    expect(timing.body).toContain('- streams for sub-second work');
  });

  it('bullet-heavy markdown: a single leading # heading is the title, deeper headings nest', () => {
    const f = file('bullet-notes.md');
    expect(titles(f.topic)).toEqual({ '2-Streaming': [{ 'Shard capacity': ['Record anatomy'] }, 'Retention'] });
    expect(f.topic.children[0]!.id).toBe('bullet-notes/shard-capacity');
    expect(f.topic.children[0]!.line).toBe(9);
  });

  it('a blog post with front matter: the title comes from front matter and several # headings are sections', () => {
    const f = file('blog-post.md');
    expect(titles(f.topic)).toEqual({
      'Streaming ingestion notes': [{ Streams: [{ Limits: ['Producer side', 'Consumer side'] }] }, 'Firehose'],
    });
    expect(f.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['W002', 3],
      ['W002', 5],
    ]);
  });

  it('a generated table of contents is dropped instead of becoming study text', () => {
    const f = file('toc-notes.md');
    expect(titles(f.topic)).toEqual({ 'Toc notes': [{ 'Streams Overview': ['Capacity'] }, 'Queues'] });
    expect(f.topic.body).toBe('');
    expect(f.mentions.every((m) => m.source.line > 10)).toBe(true);
    expect(f.links).toEqual([]);
  });

  it('every topic carries file and line, and ids are unique', () => {
    const all = flattenTopics(index.topics);
    expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
    for (const t of all) {
      expect(t.file).toMatch(/\.(md|txt)$/);
      expect(t.line).toBeGreaterThan(0);
    }
  });
});

describe('facts, comparisons, cards and questions', () => {
  const f = file('authored.md');

  it('reads limit tables into facts with parsed values, scope and source', () => {
    expect(f.facts.map((x) => [x.name, x.form, x.source.line, x.scope])).toEqual([
      ['Write throughput', 'alternatives', 17, 'per shard'],
      ['Shared read throughput', 'single', 18, 'per shard'],
      ['Retention', 'range', 19, 'per stream'],
    ]);
    const write = f.facts[0]!;
    expect(write.id).toBe('authored-sample/shard-limits/write-throughput');
    expect(write.topic).toBe('authored-sample/shard-limits');
    expect(write.values.map((v) => v.base)).toEqual([
      { amount: 1_048_576, dimension: 'bytes/s' },
      { amount: 1000, dimension: 'count/s' },
    ]);
    expect(write.sourceUrl).toBe('https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html');
    expect(f.facts[1]!.notes).toBe('all polling consumers');
    expect(f.facts[2]!.values.map((v) => v.base.amount)).toEqual([86_400, 31_536_000]);
  });

  it('reads any other table with three or more columns as a comparison', () => {
    expect(f.comparisons).toHaveLength(1);
    const c = f.comparisons[0]!;
    expect(c.options).toEqual(['Classic', 'Enhanced fan-out']);
    expect(c.rows.map((r) => r.feature)).toEqual(['Read throughput', 'Delivery']);
    expect(c.rows[1]!.cells).toEqual(['pull (GetRecords)', 'push (SubscribeToShard)']);
    expect(c.source.line).toBe(23);
  });

  it('reads every flashcard syntax with its line', () => {
    expect(f.cards.map((c) => [c.kind, c.source.line, c.front, c.back])).toEqual([
      ['basic', 28, 'What is the write limit of one shard?', '1 MiB/s or 1,000 records/s'],
      ['reversed', 29, 'Enhanced fan-out', 'a dedicated 2 MiB/s read pipe per consumer per shard'],
      ['reversed', 29, 'a dedicated 2 MiB/s read pipe per consumer per shard', 'Enhanced fan-out'],
      ['basic', 31, 'GetRecords calls per shard per second', '5'],
      ['multiline', 33, 'Name the three parts of a record', 'data blob\npartition key\nsequence number'],
      ['multiline', 39, 'Dedicated throughput per consumer', 'enhanced fan-out'],
      ['multiline', 39, 'enhanced fan-out', 'Dedicated throughput per consumer'],
      ['cloze', 43, 'A shard accepts [...] records per second and 1 MiB per second.', 'A shard accepts **1,000** records per second and 1 MiB per second.'],
      ['cloze', 43, 'A shard accepts 1,000 records per second and [...] per second.', 'A shard accepts 1,000 records per second and **1 MiB** per second.'],
    ]);
    expect(new Set(f.cards.map((c) => c.id)).size).toBe(f.cards.length);
    expect(f.cards.every((c) => c.topic === 'authored-sample/fan-out')).toBe(true);
  });

  it('card ids survive a change to the back and to the line a card is on', async () => {
    const { parseNote } = await import('../../src/content/parse-file.js');
    const a = parseNote('x.md', '# X\n\nFront one :: back one\n');
    const b = parseNote('x.md', '# X\n\nSome new text first.\n\nFront one :: a better back\n');
    expect(b.cards[0]!.id).toBe(a.cards[0]!.id);
  });

  it('reads authored questions, single and multiple response, in all option styles', () => {
    expect(f.questions.map((q) => [q.id, q.type, q.answer, q.options.map((o) => o.id), q.source.line])).toEqual([
      ['authored-sample-q1', 'single', ['c'], ['a', 'b', 'c', 'd'], 45],
      ['authored-sample-q2', 'multiple', ['a', 'c'], ['a', 'b', 'c', 'd'], 59],
    ]);
    expect(f.questions[1]!.options[2]!.text).toBe('Records are pushed over HTTP/2');
    expect(f.questions[0]!.difficulty).toBe('easy');
    expect(f.questions[0]!.tags).toEqual(['kinesis', 'sizing']);
  });

  it('does not treat card lines, tables or questions as prose mentions', () => {
    expect(f.mentions).toEqual([]);
  });
});

describe('numeric mentions in prose', () => {
  it('finds quantities in plain-text notes with the line they are on', () => {
    const m = file('banner-notes.txt').mentions;
    expect(m.map((x) => [x.quantity.text, x.source.line, x.quantity.base.dimension])).toEqual([
      ['1 MB/s', 16, 'bytes/s'],
      ['1000 messages/sec', 16, 'count/s'],
      ['2MB/second', 17, 'bytes/s'],
      ['24 hours', 18, 's'],
      ['365 days', 18, 's'],
      ['1 MiB', 23, 'bytes'],
      ['10 messages', 24, 'count'],
    ]);
    expect(m[0]!.sentence).toBe('each shard takes 1 MB/s or 1000 messages/sec on the write side');
    expect(m[0]!.topic).toBe('banner-notes/stream-shards');
  });

  it('finds quantities in nested bullets and emphasis', () => {
    const m = file('blog-post.md').mentions;
    expect(m.map((x) => x.quantity.text)).toEqual(['1MB/s', '1000 records/s', '2MB/s', '5 API calls/s', '0 seconds', '900 seconds', '1', '128 MiB']);
    expect(m[0]!.sentence).toBe('1MB/s or 1000 records/s at write per shard');
  });
});
