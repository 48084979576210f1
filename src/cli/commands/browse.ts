import type { Topic } from '../../content/model.js';
import { findTopic, flattenTopics, topicSubtreeIds } from '../../content/stats.js';
import type { Context } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { cardJson, factJson, printJson, topicJson } from '../serialize.js';

export function topicsCommand(ctx: Context, opts: { json?: boolean }): number {
  const { topics } = ctx.index();
  if (opts.json) {
    printJson(topics.map(topicJson));
    return EXIT.ok;
  }
  const walk = (t: Topic, depth: number) => {
    process.stdout.write(`${'  '.repeat(depth)}${t.title}  (${t.id})\n`);
    t.children.forEach((c) => walk(c, depth + 1));
  };
  topics.forEach((t) => walk(t, 0));
  return EXIT.ok;
}

export function cardsCommand(ctx: Context, opts: { json?: boolean; topic?: string }): number {
  const index = ctx.index();
  let cards = index.cards;
  if (opts.topic) {
    const topic = findTopic(index.topics, opts.topic);
    if (!topic) throw new UsageError(`no topic "${opts.topic}" (see: shardlab topics)`);
    const ids = topicSubtreeIds(topic);
    cards = cards.filter((c) => ids.has(c.topic));
  }
  if (opts.json) {
    printJson(cards.map(cardJson));
    return EXIT.ok;
  }
  for (const c of cards) {
    process.stdout.write(`${oneLine(c.front)}\n    → ${oneLine(c.back)}   [${c.kind}] ${c.source.file}:${c.source.line}\n`);
  }
  process.stdout.write(`${cards.length} cards\n`);
  return EXIT.ok;
}

export function factsCommand(ctx: Context, text: string | undefined, opts: { json?: boolean }): number {
  const index = ctx.index();
  const titles = new Map(flattenTopics(index.topics).map((t) => [t.id, t.title]));
  const words = (text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const facts = index.facts.filter((f) => {
    const haystack = `${f.name} ${f.scope ?? ''} ${f.topic} ${titles.get(f.topic) ?? ''}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
  if (opts.json) {
    printJson(facts.map(factJson));
    return EXIT.ok;
  }
  for (const f of facts) {
    const scope = f.scope ? `  (${f.scope})` : '';
    process.stdout.write(`${f.name}: ${f.text}${scope}\n    ${titles.get(f.topic) ?? f.topic} · ${f.source.file}:${f.source.line}\n`);
  }
  process.stdout.write(`${facts.length} facts\n`);
  return EXIT.ok;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' / ');
}
