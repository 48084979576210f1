import { describe, expect, it } from 'vitest';
import { buildPractice, cardsForMiss, missedAnswers, type QuizAnswer, weakTopics } from '../../src/quiz/practice.js';
import { unwrap } from '../../src/ui/screens/model.js';
import { type PracticeAction, type PracticeState, initPractice, practiceReducer } from '../../src/ui/screens/practice/state.js';
import { createRouter } from '../../src/ui/screens/registry.js';
import { shippedIndex } from '../quiz/helpers.js';

const T0 = Date.UTC(2026, 10, 2, 9);
const index = shippedIndex();

function init(history: QuizAnswer[] = []): PracticeState {
  const ctx = createRouter(index, '1.0.0').ctx;
  return initPractice({ ...ctx, progress: { quizAnswers: history, now: T0 } as never }, { columns: 80, rows: 24 });
}

function run(state: PracticeState, ...actions: PracticeAction[]) {
  let s = state;
  const effects = [];
  for (const a of actions) {
    const r = unwrap(practiceReducer(s, a));
    s = r.state;
    effects.push(...r.effects);
  }
  return { state: s, effects };
}

const wrongOption = (s: PracticeState) => s.items[s.at]!.question.options.findIndex((o) => !s.items[s.at]!.question.answer.includes(o.id));
const rightOption = (s: PracticeState) => s.items[s.at]!.question.options.findIndex((o) => s.items[s.at]!.question.answer.includes(o.id));

function answer(topic: string, correct: boolean, at: number, over: Partial<QuizAnswer> = {}): QuizAnswer {
  return { question: `q-${topic}-${at}`, kind: 'recall', topic, sources: [], facts: [], cards: [], correct, chosen: ['a'], at, seed: at, scope: null, ...over };
}

describe('practice reducer', () => {
  it('starts a round of the chosen size; number keys select, Enter submits, feedback, next, summary', () => {
    let { state } = run(init(), { type: 'start', at: T0 });
    expect(state.mode).toBe('question');
    expect(state.items).toHaveLength(10);
    const single = state.items[0]!.question.type === 'single';
    expect(run(state, { type: 'submit', at: T0 }).state.flash).toMatch(/Choose an option/);
    const w = wrongOption(state);
    state = run(state, { type: 'choose', option: w }).state;
    if (single) {
      expect(state.chosen).toEqual([state.items[0]!.question.options[w]!.id]);
      // Choosing another replaces the choice in a single-answer question.
      const other = run(state, { type: 'choose', option: rightOption(state) }).state;
      expect(other.chosen).toHaveLength(1);
    }
    const submitted = run(state, { type: 'submit', at: T0 + 5000 });
    expect(submitted.state.mode).toBe('feedback');
    expect(submitted.state.results[0]!.correct).toBe(false);
    const effect = submitted.effects[0] as { type: string; entry: QuizAnswer };
    expect(effect.type).toBe('quizAnswer');
    expect(effect.entry).toMatchObject({ correct: false, kind: state.items[0]!.question.kind, at: T0 + 5000, durationMs: 5000, seed: state.items[0]!.seed });
    state = submitted.state;
    for (let i = 1; i < 10; i++) {
      state = run(state, { type: 'next', at: T0 + i * 10_000 }, { type: 'choose', option: rightOption(state.items[i] ? { ...state, at: i } : state) }, { type: 'submit', at: T0 + i * 10_000 + 1000 }).state;
    }
    state = run(state, { type: 'next', at: T0 + 200_000 }).state;
    expect(state.mode).toBe('summary');
    expect(state.results.filter((r) => r.correct)).toHaveLength(9);
    expect(state.endedAt - state.startedAt).toBe(200_000);
    const back = run(state, { type: 'setup' });
    expect(back.state.mode).toBe('setup');
    expect(back.effects).toEqual([{ type: 'refreshProgress' }]);
  });

  it('toggles options of a multiple-response question with Space and numbers', () => {
    const { state } = run(init(), { type: 'start', at: T0 });
    const q = state.items[0]!.question;
    const multi: PracticeState = { ...state, items: [{ ...state.items[0]!, question: { ...q, type: 'multiple' } }] };
    let s = run(multi, { type: 'choose', option: 0 }, { type: 'cursor', by: 1 }, { type: 'toggle' }).state;
    expect(s.chosen).toEqual([q.options[0]!.id, q.options[1]!.id]);
    s = run(s, { type: 'toggle' }).state;
    expect(s.chosen).toEqual([q.options[0]!.id]);
  });

  it('setup: kinds and topics toggle, the count and the source step', () => {
    let s = init();
    s = run(s, { type: 'adjust', by: 1 }).state;
    expect(s.setup.source).toBe('weak');
    s = run(s, { type: 'move', by: 1 }, { type: 'adjust', by: 1 }).state;
    expect(s.setup.count).toBe(20);
    s = run(s, { type: 'move', by: 1 }, { type: 'toggle' }).state;
    expect(s.setup.kinds.has('recall')).toBe(false);
    const topicRow = s.rows.findIndex((r) => r.kind === 'topic');
    s = run(s, { type: 'move', by: topicRow - s.setup.cursor }, { type: 'toggle' }).state;
    expect(s.setup.topics.size).toBe(1);
    expect(s.setup.source).toBe('pick');
    const round = run(s, { type: 'adjust', by: 0 }, { type: 'start', at: T0 }).state;
    const picked = [...s.setup.topics][0]!;
    expect(round.items.every((i) => i.question.kind !== 'recall' && (i.question.topic === picked || i.question.topic.startsWith(`${picked}/`)))).toBe(true);
  });

  it('weak spots come from topics with recent misses, weighted by error rate', () => {
    const topic = index.facts[0]!.topic;
    const other = index.facts.find((f) => f.topic !== topic)!.topic;
    const history = [answer(topic, false, 1), answer(topic, false, 2), answer(other, true, 3), answer(other, false, 4), answer(other, true, 5)];
    const weak = weakTopics(index, history);
    expect(weak.map((w) => w.topic)).toEqual([topic, other]);
    expect(weak[0]!.weight).toBeCloseTo(3 / 4);
    expect(weak[1]!.weight).toBeCloseTo(2 / 5);
    const items = buildPractice(index, { source: 'weak', topics: [], kinds: ['recall'], count: 5, seed: 9 }, history);
    expect(items.length).toBeGreaterThan(0);
    const topicFile = (id: string) => id.split('/')[0];
    expect(items.every((i) => [topicFile(topic), topicFile(other)].includes(topicFile(i.question.topic)))).toBe(true);
  });

  it('retake my misses regenerates missed questions from their seed; a later right answer clears a miss', () => {
    const round = buildPractice(index, { source: 'pick', topics: [], kinds: ['recall', 'cloze', 'calc'], count: 6, seed: 3 }, []);
    const history: QuizAnswer[] = round.map((item, i) => ({
      ...answer(item.question.topic, false, 10 + i),
      question: item.question.id,
      kind: item.question.kind,
      seed: item.seed,
      scope: item.scope,
      ...(item.question.calc ? { template: item.question.calc.template } : {}),
    }));
    history.push({ ...history[0]!, correct: true, at: 100 });
    expect(missedAnswers(history).map((m) => m.question)).not.toContain(round[0]!.question.id);
    const retake = buildPractice(index, { source: 'misses', topics: [], kinds: [], count: 10, seed: 77 }, history);
    expect(retake).toHaveLength(5);
    for (const item of retake) {
      const original = round.find((r) => (r.question.calc ? r.question.calc.template === item.question.calc?.template : r.question.id === item.question.id));
      expect(original).toBeDefined();
    }
  });

  it('a miss names the cards of its topic that mention its fact, and cards near its source', () => {
    const fact = index.facts[0]!;
    const mine = { id: 'mine', topic: fact.topic, front: `What is the ${fact.name}?`, back: 'see notes', kind: 'basic' as const, source: { file: 'far.md', line: 900 } };
    const elsewhere = { ...mine, id: 'elsewhere', topic: 'other-topic' };
    const withCards = { ...index, cards: [...index.cards, mine, elsewhere] };
    const q = { id: 'x', kind: 'recall' as const, type: 'single' as const, stem: '', options: [], answer: [], explanation: '', topic: fact.topic, sources: [{ file: 'elsewhere.md', line: 1 }], distractors: [], facts: [fact.id] };
    const ids = cardsForMiss(withCards, q).map((c) => c.id);
    expect(ids).toContain('mine');
    expect(ids).not.toContain('elsewhere');
    const card = index.cards[0]!;
    expect(cardsForMiss(index, { ...q, facts: [], sources: [{ file: card.source.file, line: card.source.line + 2 }] }).map((c) => c.id)).toContain(card.id);
  });
});
