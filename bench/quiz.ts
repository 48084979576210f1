// Quiz figures for issue 5: questions generated and validated per second on one core, per kind
// and for the default mix, on the shipped notes. Rates are per CPU second of this process, so a
// busy machine does not halve them. Prints; never asserts.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { loadContent } from '../src/content/loader.js';
import type { ContentIndex } from '../src/content/model.js';
import { createRng } from '../src/sim/core/rng.js';
import { DEFAULT_WEIGHTS, generateQuiz } from '../src/quiz/engine.js';
import { GENERATORS } from '../src/quiz/generators/index.js';
import { limitSourceFrom } from '../src/quiz/limit-lines.js';
import { QUIZ_KINDS, type GeneratorContext, type QuizKind } from '../src/quiz/model.js';
import { validate } from '../src/quiz/validate.js';

const root = join(import.meta.dirname, '..');
const SECONDS = 2;

function report(name: string, value: string, target = ''): void {
  console.log(`${name.padEnd(52)} ${value}${target ? `   (target ${target})` : ''}`);
}

/** CPU seconds this process has used: "per second on one core" should not depend on other load. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Generate-and-validate calls for `seconds`, cycling through `kinds`; valid questions per CPU second. */
function rate(index: ContentIndex, kinds: readonly QuizKind[], seconds: number, limitSource: GeneratorContext['limitSource']): number {
  let valid = 0;
  let seed = 0;
  const c0 = cpuSeconds();
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 200; i++) {
      const kind = kinds[seed % kinds.length]!;
      const ctx: GeneratorContext = { index, rng: createRng(seed++) };
      if (limitSource) ctx.limitSource = limitSource;
      const q = GENERATORS[kind](ctx);
      if (q && validate(q).ok) valid++;
    }
  }
  return valid / (cpuSeconds() - c0);
}

export function runQuizBench(): void {
  const index = loadContent(join(root, 'content'));
  const limitSource = limitSourceFrom(readFileSync(join(root, 'src', 'sim', 'limits.ts'), 'utf8'));
  // The default mix, kind by kind in proportion to its weight.
  const mix = QUIZ_KINDS.flatMap((k) => Array<QuizKind>(DEFAULT_WEIGHTS[k]).fill(k));
  rate(index, mix, 2, limitSource); // warm-up: caches per index, and the JIT needs a second or two
  const perSecond = (x: number) => `${Math.round(x).toLocaleString('en')} /s`;
  report('quiz: generated + validated per CPU s, default mix', perSecond(rate(index, mix, SECONDS, limitSource)), '≥ 10,000 /s on one core');
  for (const kind of QUIZ_KINDS) report(`quiz: generated + validated per CPU s, ${kind}`, perSecond(rate(index, [kind], SECONDS / 2, limitSource)));
  const c0 = cpuSeconds();
  let made = 0;
  for (let seed = 0; seed < 200; seed++) made += generateQuiz(index, { count: 50, seed, limitSource }).questions.length;
  report('quiz: 200 quizzes of 50 (no repeats), per CPU s', perSecond(made / (cpuSeconds() - c0)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) runQuizBench();
