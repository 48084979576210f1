import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { formatDiagnostic } from '../../content/diagnostics.js';
import { loadFiles } from '../../content/loader.js';
import type { Topic } from '../../content/model.js';
import { noteSkeleton } from '../../content/skeleton.js';
import { countTopics } from '../../content/stats.js';
import type { Context } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { cardJson, factJson, printJson, topicJson } from '../serialize.js';

export function newNoteCommand(ctx: Context, topic: string, opts: { json?: boolean }, today: string): number {
  if (!topic.trim()) throw new UsageError('give the new topic a title, e.g. shardlab content new "Amazon MSK"');
  const { id, text } = noteSkeleton(topic.trim(), today);
  const path = join(ctx.contentDir, `${id}.md`);
  // Never overwrite: the file may hold an instructor's work.
  if (existsSync(path)) throw new UsageError(`${displayPath(path)} already exists; choose another title or edit it`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, { flag: 'wx' });
  if (opts.json) printJson({ file: path, id });
  else process.stdout.write(`wrote ${displayPath(path)}\nnext: edit it, then run shardlab content preview ${displayPath(path)}\n`);
  return EXIT.ok;
}

export function previewCommand(file: string, opts: { json?: boolean }): number {
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new UsageError(`no such file: ${file}`);
  }
  if (!isFile) throw new UsageError(`not a file: ${file} (preview takes one note; use content lint for folders)`);
  const index = loadFiles([file]);
  const content = index.files[0]!;
  const diagnostics = index.diagnostics;
  if (opts.json) {
    printJson({
      file: content.file,
      topics: topicJson(content.topic),
      cards: content.cards.map(cardJson),
      facts: content.facts.map(factJson),
      comparisons: content.comparisons,
      questions: index.questions,
      mentions: content.mentions.map((m) => ({ sentence: m.sentence, text: m.quantity.text, base: m.quantity.base, source: m.source })),
      diagnostics,
    });
    return diagnostics.some((d) => d.severity === 'error') ? EXIT.finding : EXIT.ok;
  }
  const out: string[] = [];
  const section = (title: string, count: number) => out.push('', `${title} (${count})`);
  section('Topics', countTopics([content.topic]));
  const walk = (t: Topic, depth: number) => {
    out.push(`  ${'  '.repeat(depth)}${t.title}  [${t.id}] line ${t.line}`);
    t.children.forEach((c) => walk(c, depth + 1));
  };
  walk(content.topic, 0);
  section('Facts', content.facts.length);
  for (const f of content.facts) {
    const values = f.values.map((v) => `${v.amount} ${v.unit} = ${v.base.amount} ${v.base.dimension}${v.ambiguous ? ' (SI unit: decimal)' : ''}`).join('; ');
    out.push(`  ${f.source.line}: ${f.name} = ${f.text}  → ${f.form}: ${values || 'no number'}${f.scope ? `  (${f.scope})` : ''}`);
  }
  section('Comparison tables', content.comparisons.length);
  for (const c of content.comparisons) out.push(`  ${c.source.line}: ${c.featureHeader || 'Feature'} × ${c.options.join(' / ')}: ${c.rows.length} rows`);
  section('Cards', content.cards.length);
  for (const c of content.cards) out.push(`  ${c.source.line}: [${c.kind}] ${oneLine(c.front)}  →  ${oneLine(c.back)}`);
  section('Questions', index.questions.length);
  for (const q of index.questions) out.push(`  ${q.source.line}: ${q.id} (${q.type}, answer ${q.answer.join(', ')}) ${oneLine(q.stem).slice(0, 90)}`);
  section('Numeric mentions in prose', content.mentions.length);
  for (const m of content.mentions) out.push(`  ${m.source.line}: ${m.quantity.text}  in "${oneLine(m.sentence).slice(0, 80)}"`);
  section('Diagnostics', diagnostics.length);
  for (const d of diagnostics) out.push(`  ${formatDiagnostic(d)}`);
  process.stdout.write(`${basename(file)}${out.join('\n')}\n`);
  return diagnostics.some((d) => d.severity === 'error') ? EXIT.finding : EXIT.ok;
}

/** Relative to the working directory when the file is below it, else absolute. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' / ');
}
