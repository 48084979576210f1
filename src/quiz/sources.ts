// Which lines of the notes state a limit, so a calc question can cite `file:line` where its
// numbers are written. Limit-table rows are matched the way the linter's cross-check matches them;
// prose mentions (all the seed notes have) must state the value and name the limit's words.

import type { ContentIndex, Mention, Quantity, SourceRef, Topic } from '../content/model.js';
import { findQuantities } from '../content/quantity.js';
import { ALL_LIMITS, SERVICE_WORDS, type Limit } from '../sim/limits.js';
import type { GeneratorContext } from './model.js';

export interface LimitRef {
  source: SourceRef;
  topic: string;
  fact?: string;
}

const BY_KEY = new Map(ALL_LIMITS.map((l) => [l.key, l]));
const STOP = new Set(['per', 'the', 'and', 'with', 'for', 'from', 'size', 'limit', 'throughput']);
// SI units in notes often stand for binary ones (1 MB for 1 MiB), as the linter allows.
const SLACK = 0.05;

export function limitByKey(key: string): Limit {
  const limit = BY_KEY.get(key);
  if (!limit) throw new Error(`unknown limit ${key}`);
  return limit;
}

function nameWords(limit: Limit): string[] {
  return limit.name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 4 && !STOP.has(w))
    .map((w) => w.replace(/s$/, ''));
}

function close(q: Quantity, amount: number, dimension: string): boolean {
  return dimension === q.base.dimension && Math.abs(q.base.amount - amount) <= (q.ambiguous ? SLACK : 1e-9) * Math.max(amount, 1e-12);
}

function about(m: Mention, limit: Limit): boolean {
  const text = `${m.sentence} ${m.topic}`.toLowerCase();
  return SERVICE_WORDS[limit.service].test(text) && nameWords(limit).some((w) => text.includes(w));
}

/** The mention states the limit's current value, in a sentence that names the limit's words. */
export function mentionStates(m: Mention, limit: Limit): boolean {
  return limit.values.some((v) => close(m.quantity, v.amount, v.dimension)) && about(m, limit);
}

const PREVIOUS = new Map(ALL_LIMITS.map((l) => [l.key, l.previous ? findQuantities(l.previous) : []]));

/**
 * The mention states a value AWS has since changed: a cloze must not teach it. Looser than
 * mentionStates on purpose (the service's words are enough), because skipping a sentence by
 * mistake costs one question while teaching a stale value costs a wrong answer in the exam.
 */
export function mentionIsStale(m: Mention): Limit | undefined {
  const text = `${m.sentence} ${m.topic}`;
  return ALL_LIMITS.find(
    (limit) =>
      limit.previous !== undefined &&
      !limit.values.some((v) => close(m.quantity, v.amount, v.dimension)) &&
      // Within 5% even for binary units: `265kb` beside SQS's old 256 KiB is the old value mistyped.
      (PREVIOUS.get(limit.key) ?? []).some((p) => p.base.dimension === m.quantity.base.dimension && Math.abs(m.quantity.base.amount - p.base.amount) <= SLACK * p.base.amount) &&
      SERVICE_WORDS[limit.service].test(text),
  );
}

function findRefs(index: ContentIndex, limit: Limit): LimitRef[] {
  const refs: LimitRef[] = [];
  for (const f of index.facts) {
    if (limit.aliases.test(f.name) && SERVICE_WORDS[limit.service].test(`${f.source.file} ${f.topic} ${f.name}`)) {
      refs.push({ source: f.source, topic: f.topic, fact: f.id });
    }
  }
  // The note about the service itself is the better citation than an overview that repeats it.
  const home = (r: LimitRef) => (SERVICE_WORDS[limit.service].test(r.source.file) ? 0 : 1);
  refs.sort((a, b) => home(a) - home(b));
  if (refs.length > 0) return refs;
  for (const m of index.mentions) if (mentionStates(m, limit)) refs.push({ source: m.source, topic: m.topic });
  return refs;
}

const CACHE = new WeakMap<ContentIndex, Map<string, LimitRef[]>>();

/** Every place in the notes that states the limit; computed once per index. */
export function refsFor(index: ContentIndex, key: string): LimitRef[] {
  let perIndex = CACHE.get(index);
  if (!perIndex) CACHE.set(index, (perIndex = new Map()));
  let refs = perIndex.get(key);
  if (!refs) perIndex.set(key, (refs = findRefs(index, limitByKey(key))));
  return refs;
}

const CITES = new WeakMap<ContentIndex, Map<string, LimitRef | null>>();

function* allTopics(topics: readonly Topic[]): Generator<Topic> {
  for (const t of topics) {
    yield t;
    yield* allTopics(t.children);
  }
}

function findCite(index: ContentIndex, pattern: RegExp): LimitRef | null {
  for (const t of allTopics(index.topics)) {
    if (pattern.test(t.title)) return { source: { file: t.file, line: t.line }, topic: t.id };
    const lines = t.body.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (pattern.test(lines[i]!)) return { source: { file: t.file, line: t.bodyLine + i }, topic: t.id };
    }
  }
  return null;
}

/** The first line of the notes (heading or body) that matches; computed once per index and pattern. */
export function citeFor(index: ContentIndex, pattern: RegExp): LimitRef | null {
  let perIndex = CITES.get(index);
  if (!perIndex) CITES.set(index, (perIndex = new Map()));
  const key = `${pattern.source}/${pattern.flags}`;
  let ref = perIndex.get(key);
  if (ref === undefined) perIndex.set(key, (ref = findCite(index, pattern)));
  return ref;
}

export interface Provenance {
  sources: SourceRef[];
  topic: string;
  facts: string[];
}

/**
 * Sources for a question: the notes' lines that state each limit it uses, then the first line
 * that matches one of its `cites` patterns; the first found decides the topic. A limit the notes
 * do not state is cited in the limits module when the caller knows where that is. In a quiz
 * narrowed to a topic, at least one source must lie in it, or the question is skipped (null).
 */
export function provenance(ctx: GeneratorContext, keys: readonly string[], cites: readonly RegExp[] = []): Provenance | null {
  const sources: SourceRef[] = [];
  const facts: string[] = [];
  let topic: string | undefined;
  const seen = new Set<string>();
  const add = (s: SourceRef) => {
    const id = `${s.file}:${s.line}`;
    if (!seen.has(id)) {
      seen.add(id);
      sources.push({ file: s.file, line: s.line });
    }
  };
  const fallbacks: SourceRef[] = [];
  for (const key of keys) {
    const ref = refsFor(ctx.index, key)[0];
    if (ref) {
      add(ref.source);
      if (ref.fact) facts.push(ref.fact);
      topic ??= ref.topic;
    } else {
      const fallback = ctx.limitSource?.(key);
      if (fallback) fallbacks.push(fallback);
    }
  }
  for (const pattern of cites) {
    const ref = citeFor(ctx.index, pattern);
    if (!ref) continue;
    add(ref.source);
    topic ??= ref.topic;
    break;
  }
  if (ctx.scoped && topic === undefined) return null;
  fallbacks.forEach(add);
  if (sources.length === 0) return null;
  return { sources, topic: topic ?? `limits/${keys[0] ? limitByKey(keys[0]).service : 'quiz'}`, facts };
}
