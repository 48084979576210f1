// Per-index lookups the generators share (topic titles, facts by dimension, option-ready values),
// built once per ContentIndex so that generating a question costs microseconds, not a scan.

import type { ContentIndex, Dimension, Fact, Mention, Quantity, Topic } from '../../content/model.js';
import { findQuantities } from '../../content/quantity.js';
import { formatCached, inUnitOf } from '../format.js';
import { ALL_LIMITS, SERVICE_WORDS, type Limit } from '../../sim/limits.js';
import { isRound } from '../numbers.js';

export interface Lookup {
  topics: Map<string, Topic>;
  fileTitles: Map<string, string>;
  factsByDimension: Map<Dimension, Fact[]>;
  mentionsByDimension: Map<Dimension, Mention[]>;
  /** The engine limit a fact row states, when it states one. */
  limitOfFact: Map<string, Limit>;
}

const CACHE = new WeakMap<ContentIndex, Lookup>();

function walk(topics: readonly Topic[], into: Map<string, Topic>): void {
  for (const t of topics) {
    into.set(t.id, t);
    walk(t.children, into);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function lookup(index: ContentIndex): Lookup {
  const cached = CACHE.get(index);
  if (cached) return cached;
  const topics = new Map<string, Topic>();
  walk(index.topics, topics);
  const fileTitles = new Map(index.files.map((f) => [f.file, f.topic.title]));
  const factsByDimension = new Map<Dimension, Fact[]>();
  for (const f of index.facts) for (const d of new Set(f.values.map((v) => v.base.dimension))) push(factsByDimension, d, f);
  const mentionsByDimension = new Map<Dimension, Mention[]>();
  for (const m of index.mentions) push(mentionsByDimension, m.quantity.base.dimension, m);
  const limitOfFact = new Map<string, Limit>();
  for (const f of index.facts) {
    const limit = ALL_LIMITS.find((l) => l.aliases.test(f.name) && SERVICE_WORDS[l.service].test(`${f.source.file} ${f.topic} ${f.name}`));
    if (limit) limitOfFact.set(f.id, limit);
  }
  const built = { topics, fileTitles, factsByDimension, mentionsByDimension, limitOfFact };
  CACHE.set(index, built);
  return built;
}

/** Where a topic sits, for a stem: `Amazon SQS › Dead-letter queues`. */
export function topicPath(l: Lookup, topicId: string): string {
  const parts: string[] = [];
  for (let t = l.topics.get(topicId); t; t = t.parent ? l.topics.get(t.parent) : undefined) parts.unshift(t.title);
  return parts.length > 2 ? `${parts[0]} › ${parts[parts.length - 1]}` : parts.join(' › ');
}

/**
 * A value restated in the key's unit, so every option reads alike; null when it would not read as
 * a figure a person writes (`0.000244 MiB`), in which case the candidate is not used.
 */
export function inUnit(base: { amount: number; dimension: Dimension }, unit: string, near?: number): { amount: number; text: string } | null {
  const amount = inUnitOf(base.amount, base.dimension, unit);
  if (amount === null || amount <= 0 || !isRound(amount, 3) || amount < 1e-3) return null;
  if (near !== undefined && near > 0) {
    // A sibling a hundred times off is no temptation, and `0.25 days` next to `7 days` reads oddly.
    if (amount > near * MAX_RATIO || amount < near / MAX_RATIO) return null;
    if (amount < 1 && near >= 1) return null;
  }
  return { amount, text: formatCached(amount, unit) };
}

const MAX_RATIO = 100;

/**
 * Whether a sibling may stand as an option in the key's unit. Sizes, rates and durations convert;
 * counts do not change noun (80 characters shown as "80 messages" would be a limit that does not
 * exist), so a count sibling must count the same thing.
 */
export function sameKind(sibling: Quantity, key: Quantity): boolean {
  const d = key.base.dimension;
  return sibling.base.dimension === d && (d !== 'count' && d !== 'count/s' ? true : sibling.unit === key.unit);
}

/** Quantities of one dimension in a free-text cell (a fact's `default` or `previous`). */
export function quantitiesIn(text: string | undefined, dimension: Dimension): Quantity[] {
  return text ? findQuantities(text).filter((q) => q.base.dimension === dimension) : [];
}

/** `Shard write throughput` → `shard write throughput`, but `PutRecords entries` and `KPL …` keep their case. */
export function lowerFirst(name: string): string {
  const first = name.split(/\s/)[0] ?? '';
  if (/[A-Z].*[A-Z]/.test(first) || /\d/.test(first)) return name;
  return name.charAt(0).toLowerCase() + name.slice(1);
}
