// A hand-built content index shaped like the loader's output: three note files with nested
// headings, a limit table whose rows are facts, a comparison table, a code block, flashcards and a
// section long enough to scroll. Line numbers are computed from the assembled file text, so facts
// point at the rows they came from, as the real loader's do.
import type { Card, ContentIndex, Fact, FileContent, Quantity, Topic } from '../../src/content/model.js';

interface SectionSpec {
  title: string;
  body: string;
  children?: SectionSpec[];
}

interface FileSpec {
  file: string;
  id: string;
  title: string;
  body: string;
  sections: SectionSpec[];
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Writes the file as the loader would read it and builds its topic tree with real line numbers. */
function buildFile(spec: FileSpec): { topic: Topic; text: string; all: Topic[] } {
  const lines: string[] = ['---', `title: ${spec.title}`, '---', ''];
  const all: Topic[] = [];
  const root: Topic = {
    id: spec.id,
    title: spec.title,
    file: spec.file,
    line: 1,
    depth: 0,
    children: [],
    body: spec.body,
    bodyLine: lines.length + 1,
  };
  all.push(root);
  lines.push(...spec.body.split('\n'), '');
  const add = (parent: Topic, section: SectionSpec, depth: number) => {
    lines.push(`${'#'.repeat(depth)} ${section.title}`, '');
    const topic: Topic = {
      id: `${parent.id}/${slug(section.title)}`,
      title: section.title,
      file: spec.file,
      line: lines.length - 1,
      depth,
      parent: parent.id,
      children: [],
      body: section.body,
      bodyLine: lines.length + 1,
    };
    lines.push(...section.body.split('\n'), '');
    parent.children.push(topic);
    all.push(topic);
    for (const child of section.children ?? []) add(topic, child, depth + 1);
  };
  for (const section of spec.sections) add(root, section, 2);
  return { topic: root, text: lines.join('\n'), all };
}

function quantity(amount: number, unit: string, dimension: Quantity['base']['dimension'], base: number, text: string): Quantity {
  return { amount, unit, base: { amount: base, dimension }, start: 0, end: text.length, text };
}

/** A fact for a limit-table row, located by its Limit cell in the topic's body. */
function fact(topic: Topic, name: string, value: string, values: Quantity[], scope?: string): Fact {
  const offset = topic.body.split('\n').findIndex((l) => l.startsWith(`| ${name} |`));
  if (offset < 0) throw new Error(`fixture: no row "${name}" in ${topic.id}`);
  return {
    id: `${topic.id}#${slug(name)}`,
    topic: topic.id,
    name,
    text: value,
    form: values.length > 1 ? 'alternatives' : 'single',
    values,
    ...(scope ? { scope } : {}),
    source: { file: topic.file, line: topic.bodyLine + offset },
  };
}

function card(topic: Topic, front: string, back: string): Card {
  const offset = topic.body.split('\n').findIndex((l) => l.startsWith(front));
  return { id: `${topic.id}#card-${slug(front)}`, topic: topic.id, front, back, kind: 'basic', source: { file: topic.file, line: topic.bodyLine + Math.max(0, offset) } };
}

const fifoParagraphs = Array.from(
  { length: 8 },
  (_, i) =>
    `Paragraph ${i + 1} on ordering: a FIFO queue delivers the messages of one message group in the order they were sent, and holds back later messages of that group while an earlier one is in flight. Spreading work over many message group IDs is what lets consumers run in parallel.`,
).join('\n\n');

const kinesis = buildFile({
  file: 'kinesis-data-streams.md',
  id: 'kinesis-data-streams',
  title: 'Kinesis Data Streams',
  body: 'Kinesis Data Streams is a **managed** service for *real-time* ingestion at scale. Data is replicated across three Availability Zones.',
  sections: [
    {
      title: 'Shards and throughput',
      body: [
        'Each shard is a unit of capacity. Write and read limits apply per shard:',
        '',
        '| Limit | Value | Scope |',
        '|---|---|---|',
        '| Write throughput | 1 MiB/s or 1,000 records/s | per shard |',
        '| Read throughput | 2 MiB/s | per shard, shared by classic consumers |',
        '| GetRecords calls | 5 calls/s | per shard |',
        '| Record size | 1 MiB | per record |',
        '',
        'What is the write limit of one shard? :: 1 MiB/s or 1,000 records/s',
      ].join('\n'),
      children: [
        {
          title: 'Hot shards',
          body: [
            'A hot shard gets more than its share of writes:',
            '',
            '- Causes',
            '  - a low-cardinality partition key',
            '  - one noisy tenant',
            '- Fixes',
            '  1. use a random or high-cardinality key',
            '  2. split the hot shard',
          ].join('\n'),
        },
      ],
    },
    {
      title: 'Producers',
      body: [
        'Producers call `PutRecord` or `PutRecords`, or use the KPL, which aggregates user records.',
        '',
        '```sh',
        'aws kinesis put-record --stream-name orders --partition-key user-42 --data aGVsbG8=',
        '```',
        '',
        '> The KPL adds up to RecordMaxBufferedTime of delay to batch records.',
      ].join('\n'),
    },
    {
      title: 'Consumers',
      body: 'Consumers read with GetRecords (shared throughput) or subscribe with enhanced fan-out.',
      children: [
        {
          title: 'Enhanced fan-out',
          body: [
            '| Feature | Shared (classic) | Enhanced fan-out |',
            '|---|---|---|',
            '| Read throughput | 2 MiB/s per shard, shared | 2 MiB/s per shard per consumer |',
            '| Delivery | pull with GetRecords | push over HTTP/2 with SubscribeToShard |',
            '| Typical latency | about 200 ms | about 70 ms |',
          ].join('\n'),
        },
        {
          title: 'Lambda consumers',
          body: 'See [event source mappings](https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html) for batch size and parallelization.',
        },
      ],
    },
    {
      title: 'Retention',
      body: 'Records stay 24 hours by default; retention can be raised up to 365 days.',
    },
  ],
});

const firehose = buildFile({
  file: 'amazon-data-firehose.md',
  id: 'amazon-data-firehose',
  title: 'Amazon Data Firehose',
  body: 'Firehose buffers records and delivers them to S3, Redshift, OpenSearch and HTTP endpoints.',
  sections: [
    {
      title: 'Buffering',
      body: [
        '| Limit | Value | Scope |',
        '|---|---|---|',
        '| Buffer size | 1–128 MiB | per delivery stream |',
        '| Buffer interval | 0–900 s | per delivery stream |',
      ].join('\n'),
    },
    {
      title: 'Transformation',
      body: 'A Lambda function can transform records; it must return each record with a `result` of `Ok`, `Dropped` or `ProcessingFailed`.',
    },
  ],
});

const sqs = buildFile({
  file: 'sqs.md',
  id: 'sqs',
  title: 'Amazon SQS',
  body: 'Fully managed message queues: standard (at-least-once, best-effort order) and FIFO (exactly-once processing, ordered per group).',
  sections: [
    { title: 'Standard queues', body: 'Nearly unlimited throughput; a message may be delivered more than once.' },
    { title: 'FIFO queues', body: fifoParagraphs },
    { title: 'Visibility timeout', body: 'Defaults to 30 seconds; the maximum is 12 hours.' },
  ],
});

function find(all: Topic[], title: string): Topic {
  const topic = all.find((t) => t.title === title);
  if (!topic) throw new Error(`fixture: no topic "${title}"`);
  return topic;
}

const shards = find(kinesis.all, 'Shards and throughput');
const buffering = find(firehose.all, 'Buffering');

export const fixtureFacts: Fact[] = [
  fact(shards, 'Write throughput', '1 MiB/s or 1,000 records/s', [quantity(1, 'MiB/s', 'bytes/s', 1048576, '1 MiB/s'), quantity(1000, 'records/s', 'count/s', 1000, '1,000 records/s')], 'per shard'),
  fact(shards, 'Read throughput', '2 MiB/s', [quantity(2, 'MiB/s', 'bytes/s', 2097152, '2 MiB/s')], 'per shard, shared by classic consumers'),
  fact(shards, 'GetRecords calls', '5 calls/s', [quantity(5, 'calls/s', 'count/s', 5, '5 calls/s')], 'per shard'),
  fact(shards, 'Record size', '1 MiB', [quantity(1, 'MiB', 'bytes', 1048576, '1 MiB')], 'per record'),
  fact(buffering, 'Buffer size', '1–128 MiB', [quantity(1, 'MiB', 'bytes', 1048576, '1'), quantity(128, 'MiB', 'bytes', 134217728, '128 MiB')], 'per delivery stream'),
  fact(buffering, 'Buffer interval', '0–900 s', [quantity(0, 's', 's', 0, '0'), quantity(900, 's', 's', 900, '900 s')], 'per delivery stream'),
];

export const fixtureCards: Card[] = [card(shards, 'What is the write limit of one shard?', '1 MiB/s or 1,000 records/s')];

const builds = [kinesis, firehose, sqs];

export const fixtureFiles: Record<string, string> = Object.fromEntries(builds.map((b) => [b.topic.file, b.text]));

export function fixtureIndex(): ContentIndex {
  const files: FileContent[] = builds.map((b) => ({
    file: b.topic.file,
    frontMatter: { title: b.topic.title },
    topic: b.topic,
    cards: fixtureCards.filter((c) => c.source.file === b.topic.file),
    facts: fixtureFacts.filter((f) => f.source.file === b.topic.file),
    comparisons: [],
    questions: [],
    mentions: [],
    links: [],
    diagnostics: [],
  }));
  return {
    root: '/notes',
    files,
    topics: builds.map((b) => b.topic),
    cards: fixtureCards,
    facts: fixtureFacts,
    comparisons: [],
    questions: [],
    mentions: [],
    diagnostics: [],
  };
}

export function emptyIndex(): ContentIndex {
  return { root: '/empty', files: [], topics: [], cards: [], facts: [], comparisons: [], questions: [], mentions: [], diagnostics: [] };
}

/** Topics of the fixture in reading order, for tests that look one up by title. */
export function fixtureTopic(title: string): Topic {
  return find([...kinesis.all, ...firehose.all, ...sqs.all], title);
}
