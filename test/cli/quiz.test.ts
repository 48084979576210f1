import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/program.js';

const seeds = process.env.SHARDLAB_SEEDS ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');
let out = '';
let err = '';

beforeEach(() => {
  out = '';
  err = '';
  process.env.SHARDLAB_HOME = mkdtempSync(join(tmpdir(), 'shardlab-quiz-'));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const run = (...argv: string[]) => main(argv, { stdinIsTTY: false, stdoutIsTTY: false });

interface QuestionJson {
  id: string;
  kind: string;
  type: string;
  stem: string;
  options: { id: string; text: string }[];
  answer: string[];
  explanation: string;
  topic: string;
  sources: { file: string; line: number }[];
  distractors: { optionId: string; why: string }[];
}

/** The DESIGN §3 shape, key for key, and the promises a reader relies on. */
function expectShape(questions: QuestionJson[]): void {
  for (const q of questions) {
    expect(Object.keys(q)).toEqual(['id', 'kind', 'type', 'stem', 'options', 'answer', 'explanation', 'topic', 'sources', 'distractors']);
    expect(['recall', 'cloze', 'calc', 'compare', 'authored']).toContain(q.kind);
    expect(['single', 'multiple']).toContain(q.type);
    for (const o of q.options) expect(Object.keys(o)).toEqual(['id', 'text']);
    for (const s of q.sources) expect(Object.keys(s)).toEqual(['file', 'line']);
    for (const d of q.distractors) expect(Object.keys(d)).toEqual(['optionId', 'why']);
    const ids = q.options.map((o) => o.id);
    for (const a of q.answer) expect(ids).toContain(a);
    if (q.type === 'single') expect(q.answer).toHaveLength(1);
    expect(q.distractors.map((d) => d.optionId).sort()).toEqual(ids.filter((id) => !q.answer.includes(id)).sort());
    expect(q.explanation.trim()).not.toBe('');
    expect(q.sources.length).toBeGreaterThan(0);
  }
}

describe('shardlab quiz', () => {
  it('--json prints the DESIGN §3 shape and nothing else', async () => {
    expect(await run('quiz', '--count', '12', '--seed', '7', '--json')).toBe(0);
    const questions = JSON.parse(out) as QuestionJson[];
    expect(questions).toHaveLength(12);
    expectShape(questions);
    expect(err).toBe('');
  });

  it('the same seed gives the same output, whether --seed comes before or after the command', async () => {
    await run('quiz', '--count', '15', '--seed', '123', '--json');
    const first = out;
    out = '';
    await run('--seed', '123', 'quiz', '--count', '15', '--json');
    expect(out).toBe(first);
    out = '';
    await run('quiz', '--count', '15', '--seed', '124', '--json');
    expect(out).not.toBe(first);
  });

  it('--kinds and --topic narrow the questions', async () => {
    expect(await run('quiz', '--count', '10', '--seed', '1', '--kinds', 'calc,recall', '--topic', 'sqs', '--json')).toBe(0);
    const questions = JSON.parse(out) as QuestionJson[];
    expect(questions).toHaveLength(10);
    for (const q of questions) {
      expect(['calc', 'recall']).toContain(q.kind);
      expect(q.topic.startsWith('sqs')).toBe(true);
    }
  });

  it('bad --kinds, --topic or --count: one line on stderr, exit 2', async () => {
    expect(await run('quiz', '--kinds', 'recall,trivia')).toBe(2);
    expect(err).toBe('shardlab: unknown question kind "trivia" (expected a comma-separated list of recall, cloze, calc, compare, authored)\n');
    err = '';
    expect(await run('quiz', '--topic', 'no-such-topic')).toBe(2);
    expect(err).toBe('shardlab: no topic "no-such-topic" (see: shardlab topics)\n');
    err = '';
    expect(await run('quiz', '--count', 'many')).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(out).toBe('');
  });

  it('without --json, a numbered list with answers, explanations and sources', async () => {
    expect(await run('quiz', '--count', '3', '--seed', '5')).toBe(0);
    expect(out).toMatch(/^1\. \[(recall|cloze|calc|compare|authored)\] /);
    expect(out).toMatch(/\n3\. \[/);
    expect(out.match(/\n   Answer: [a-e]\) /g)).toHaveLength(3);
    expect(out.match(/\n   Source: [^\n]+:\d+/g)).toHaveLength(3);
    expect(out).toMatch(/3 questions \(seed 5; the same --seed gives the same questions\)\n$/);
  });

  it.skipIf(!existsSync(seeds))('yields 50 valid questions from the seed notes alone', async () => {
    expect(await run('--content', seeds, 'quiz', '--count', '50', '--json', '--seed', '2026')).toBe(0);
    const questions = JSON.parse(out) as QuestionJson[];
    expect(questions).toHaveLength(50);
    expectShape(questions);
    expect(new Set(questions.map((q) => q.id)).size).toBe(50);
    expect(err).toBe('');
  });
});
