import type { Card, Fact, Quantity, Topic } from '../content/model.js';

// The JSON shapes of DESIGN §3. Tests and other tools read these, so they change only on purpose.

export interface TopicJson {
  id: string;
  title: string;
  file: string;
  line: number;
  children: TopicJson[];
}

export function topicJson(t: Topic): TopicJson {
  return { id: t.id, title: t.title, file: t.file, line: t.line, children: t.children.map(topicJson) };
}

export function quantityJson(q: Quantity) {
  return {
    amount: q.amount,
    unit: q.unit,
    base: q.base,
    ...(q.approx ? { approx: true } : {}),
    ...(q.ambiguous ? { ambiguous: true } : {}),
  };
}

export function factJson(f: Fact) {
  return {
    id: f.id,
    topic: f.topic,
    name: f.name,
    text: f.text,
    form: f.form,
    values: f.values.map(quantityJson),
    scope: f.scope ?? null,
    ...(f.default !== undefined ? { default: f.default } : {}),
    ...(f.notes !== undefined ? { notes: f.notes } : {}),
    ...(f.since !== undefined ? { since: f.since } : {}),
    ...(f.sourceUrl !== undefined ? { sourceUrl: f.sourceUrl } : {}),
    source: f.source,
  };
}

export function cardJson(c: Card) {
  return { id: c.id, topic: c.topic, front: c.front, back: c.back, kind: c.kind, source: c.source };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
