import type { KeyBinding } from '../../keys/bindings.js';
import { type ExamStartAction, type ExamStartState, cannotStart, selected } from './state.js';

type Binding = KeyBinding<ExamStartState, ExamStartAction>;

const group = 'Mock exam';

export const examStartKeys: readonly Binding[] = [
  { keys: ['up', 'k'], help: 'Previous profile', group, hint: 'profile', when: (s) => s.running === null, action: () => ({ type: 'move', by: -1 }) },
  { keys: ['down', 'j'], help: 'Next profile', group, when: (s) => s.running === null, action: () => ({ type: 'move', by: 1 }) },
  {
    keys: ['enter'],
    help: 'Start the exam on the selected profile (or resume the one running)',
    group,
    hint: 'start',
    action: (s, k) => {
      // Only one attempt runs at a time, and it runs on: the start screen offers it back.
      if (s.running && s.loaded) return { nav: 'open', screen: 'exam-session', params: { resume: true }, update: { type: 'stale' } };
      const profile = selected(s);
      if (!profile) return undefined;
      const why = cannotStart(s, profile);
      if (why) return { type: 'flash', text: why };
      // The paper's seed is the time of the key that started it: a new paper each attempt.
      const seed = (k.at ?? s.now) % 2 ** 31;
      // Typed before the catalog said whether an attempt runs: resume it if one does, else start.
      const resumeFirst = s.loaded ? {} : { resumeFirst: true };
      return { nav: 'open', screen: 'exam-session', params: { start: { profile, seed }, ...resumeFirst }, update: { type: 'stale' } };
    },
  },
  { keys: ['h'], help: 'Exam history: every attempt, the score trend and the per-topic trend', group, hint: 'history', action: () => ({ nav: 'open', screen: 'exam-history' }) },
];
