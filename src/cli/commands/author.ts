import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { loadFiles } from '../../content/loader.js';
import { previewSections, previewText } from '../../content/preview.js';
import { noteSkeleton } from '../../content/skeleton.js';
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
  const out = previewText(previewSections({ content, questions: index.questions, diagnostics }));
  process.stdout.write(`${basename(file)}${out.join('\n')}\n`);
  return diagnostics.some((d) => d.severity === 'error') ? EXIT.finding : EXIT.ok;
}

/** Relative to the working directory when the file is below it, else absolute. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}
