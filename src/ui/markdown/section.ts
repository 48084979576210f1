import type { Fact, Topic } from '../../content/model.js';
import { renderHeading, renderMarkdown } from './render.js';
import { type Line, type Style, seg } from './types.js';
import { wrap } from './wrap.js';

const dim: Style = { dim: true };
const factValue: Style = { bold: true, tone: 'fact' };

function normalise(name: string): string {
  return name.toLowerCase().replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

const byTopicCache = new WeakMap<readonly Fact[], Map<string, Fact[]>>();

/** Facts grouped by the topic they were written under, computed once per content index. */
export function factsByTopic(facts: readonly Fact[]): Map<string, Fact[]> {
  let map = byTopicCache.get(facts);
  if (!map) {
    map = new Map();
    for (const fact of facts) {
      const list = map.get(fact.topic);
      if (list) list.push(fact);
      else map.set(fact.topic, [fact]);
    }
    byTopicCache.set(facts, map);
  }
  return map;
}

/** The topic and every topic below it, in reading order. */
export function sectionTopics(topic: Topic): Topic[] {
  const out: Topic[] = [];
  const visit = (t: Topic) => {
    out.push(t);
    t.children.forEach(visit);
  };
  visit(topic);
  return out;
}

/** Facts of the topic and its descendants, in reading order. */
export function sectionFacts(topic: Topic, facts: readonly Fact[]): Fact[] {
  const map = factsByTopic(facts);
  return sectionTopics(topic).flatMap((t) => map.get(t.id) ?? []);
}

function renderBody(topic: Topic, facts: readonly Fact[], width: number): Line[] {
  if (topic.body.trim() === '') return [];
  const own = factsByTopic(facts).get(topic.id) ?? [];
  const lines = new Set(own.map((f) => f.source.line));
  const names = new Set(own.map((f) => normalise(f.name)));
  return renderMarkdown(topic.body, {
    width,
    firstLine: topic.bodyLine,
    // Rows are matched by line first; the name is the fallback when a body was re-flowed.
    isFactRow: (row) => lines.has(row.line) || names.has(normalise(row.limit)),
  });
}

function factLines(facts: readonly Fact[], width: number): Line[] {
  if (facts.length === 0) return [];
  const out: Line[] = [[], ...renderHeading('Facts here', 2, width)];
  for (const fact of facts) {
    const parts = [seg(fact.name), seg(' → ', dim), seg(fact.text, factValue)];
    if (fact.scope) parts.push(seg(` (${fact.scope})`, dim));
    out.push(...wrap(parts, { width, first: [seg('• ', dim)], rest: [seg('  ')] }));
  }
  return out;
}

function build(topic: Topic, facts: readonly Fact[], width: number): Line[] {
  const out: Line[] = [];
  const visit = (t: Topic, level: number) => {
    if (out.length > 0) out.push([]);
    out.push(...renderHeading(t.title, level, width));
    const body = renderBody(t, facts, width);
    if (body.length > 0) out.push([], ...body);
    for (const child of t.children) visit(child, level + 1);
  };
  visit(topic, 1);
  if (topic.children.length === 0 && topic.body.trim() === '') {
    out.push([], [seg('Nothing is written under this heading yet.', dim)]);
  }
  out.push(...factLines(sectionFacts(topic, facts), width));
  return out;
}

const cache = new WeakMap<readonly Fact[], WeakMap<Topic, Map<number, Line[]>>>();

/**
 * The reading pane's lines for a topic: its body, then each subtopic's heading and body, then a
 * summary of the facts written there. Memoised per content index, topic and width, because the
 * pane's reducer asks for the line count on every scroll key.
 */
export function sectionLines(topic: Topic, facts: readonly Fact[], width: number): Line[] {
  let byTopic = cache.get(facts);
  if (!byTopic) {
    byTopic = new WeakMap();
    cache.set(facts, byTopic);
  }
  let byWidth = byTopic.get(topic);
  if (!byWidth) {
    byWidth = new Map();
    byTopic.set(topic, byWidth);
  }
  let lines = byWidth.get(width);
  if (!lines) {
    lines = build(topic, facts, Math.max(1, width));
    byWidth.set(width, lines);
  }
  return lines;
}
