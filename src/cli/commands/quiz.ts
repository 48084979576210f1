import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findTopic } from '../../content/stats.js';
import { generateQuiz } from '../../quiz/engine.js';
import { questionJson } from '../../quiz/json.js';
import { limitSourceFrom, LIMITS_FILE } from '../../quiz/limit-lines.js';
import { QUIZ_KINDS, type Question, type QuizKind } from '../../quiz/model.js';
import { packageRoot, type Context } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { printJson } from '../serialize.js';

export interface QuizOptions {
  count: number;
  seed?: number;
  topic?: string;
  kinds?: string;
  json?: boolean;
}

export function parseKinds(list: string): QuizKind[] {
  const kinds = list
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const unknown = kinds.filter((k) => !(QUIZ_KINDS as readonly string[]).includes(k));
  if (kinds.length === 0 || unknown.length > 0) {
    throw new UsageError(`unknown question kind "${unknown[0] ?? list}" (expected a comma-separated list of ${QUIZ_KINDS.join(', ')})`);
  }
  return [...new Set(kinds)] as QuizKind[];
}

/**
 * Questions about limits the notes do not state cite the limits module; that file exists in a
 * source checkout (where the seeds are quizzed from) but not in an installed package, and then
 * such questions are simply not asked.
 */
function limitSource() {
  const file = join(packageRoot, LIMITS_FILE);
  return existsSync(file) ? limitSourceFrom(readFileSync(file, 'utf8')) : undefined;
}

function indent(text: string, pad: string): string {
  return text.replace(/\n/g, `\n${pad}`);
}

function printQuestion(q: Question, n: number): void {
  const pad = '   ';
  const lines = [`${n}. [${q.kind}] ${indent(q.stem, pad)}`];
  for (const o of q.options) lines.push(`${pad}${o.id}) ${o.text}`);
  const keys = q.answer.map((id) => `${id}) ${q.options.find((o) => o.id === id)?.text ?? ''}`);
  lines.push(`${pad}Answer: ${keys.join('; ')}`);
  lines.push(`${pad}${indent(q.explanation, pad)}`);
  lines.push(`${pad}Source: ${q.sources.map((s) => `${s.file}:${s.line}`).join(', ')}`);
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

export function quizCommand(ctx: Context, opts: QuizOptions, fallbackSeed: () => number): number {
  const index = ctx.index();
  const kinds = opts.kinds === undefined ? undefined : parseKinds(opts.kinds);
  const topic = opts.topic === undefined ? undefined : findTopic(index.topics, opts.topic);
  if (opts.topic !== undefined && !topic) throw new UsageError(`no topic "${opts.topic}" (see: shardlab topics)`);
  const seed = opts.seed ?? ctx.options.seed ?? fallbackSeed();
  const source = limitSource();
  const run = generateQuiz(index, {
    count: opts.count,
    seed,
    ...(kinds ? { kinds } : {}),
    ...(topic ? { topic } : {}),
    ...(source ? { limitSource: source } : {}),
  });
  if (run.questions.length < opts.count) {
    process.stderr.write(`shardlab: only ${run.questions.length} of ${opts.count} questions could be made from these notes${kinds ? ` with kinds ${kinds.join(',')}` : ''}${topic ? ` under "${topic.title}"` : ''}\n`);
  }
  if (opts.json) {
    printJson(run.questions.map(questionJson));
    return EXIT.ok;
  }
  run.questions.forEach((q, i) => printQuestion(q, i + 1));
  process.stdout.write(`${run.questions.length} questions (seed ${seed}; the same --seed gives the same questions)\n`);
  return EXIT.ok;
}
