import type { KeyBinding } from '../../keys/bindings.js';
import type { KeyPress } from '../../keys/keypress.js';
import { type PracticeAction, type PracticeState, currentItem } from './state.js';

type Binding = KeyBinding<PracticeState, PracticeAction>;

// Exam-simulator keys: the option's number picks it, Space toggles the option under the cursor
// (for "choose two"), Enter submits; after the answer, Enter moves on and `o` opens the note.

const inSetup = (s: PracticeState) => s.mode === 'setup';
const asking = (s: PracticeState) => s.mode === 'question';
const feedback = (s: PracticeState) => s.mode === 'feedback';
const inRound = (s: PracticeState) => s.mode === 'question' || s.mode === 'feedback';
const inSummary = (s: PracticeState) => s.mode === 'summary';

/** The key's own time: answers are timed from when the key arrived. */
const at = (s: PracticeState, k: KeyPress) => k.at ?? s.now;

const setup = 'Setup';
const question = 'Question';
const answered = 'After answering';
const summary = 'Summary';

export const practiceKeys: readonly Binding[] = [
  { keys: ['up', 'k'], help: 'Previous row', group: setup, hint: 'move', when: inSetup, action: () => ({ type: 'move', by: -1 }) },
  { keys: ['down', 'j'], help: 'Next row', group: setup, hint: 'move', when: inSetup, action: () => ({ type: 'move', by: 1 }) },
  { keys: ['pageup'], help: 'Up a page', group: setup, when: inSetup, action: (s) => ({ type: 'move', by: -Math.max(1, s.size.rows - 6) }) },
  { keys: ['pagedown'], help: 'Down a page', group: setup, when: inSetup, action: (s) => ({ type: 'move', by: Math.max(1, s.size.rows - 6) }) },
  { keys: ['space'], help: 'Toggle a kind or a topic; "All topics" clears the topics picked', group: setup, hint: 'toggle', when: inSetup, action: () => ({ type: 'toggle' }) },
  { keys: ['left', 'h', '-'], help: 'Previous source (pick, weak spots, misses), fewer questions', group: setup, when: inSetup, action: () => ({ type: 'adjust', by: -1 }) },
  { keys: ['right', 'l', '+'], help: 'Next source, more questions', group: setup, hint: 'change', when: inSetup, action: () => ({ type: 'adjust', by: 1 }) },
  { keys: ['enter'], help: 'Start the round', group: setup, hint: 'start', when: inSetup, action: (s, k) => ({ type: 'start', at: at(s, k) }) },

  {
    keys: ['digit'],
    help: 'Choose that option (toggles it in a "choose two" question)',
    group: question,
    hint: 'choose',
    when: asking,
    action: (_s, k) => (k.name === '0' ? undefined : { type: 'choose', option: Number(k.name) - 1 }),
  },
  { keys: ['space'], help: 'Toggle the option under the cursor', group: question, when: (s) => asking(s) && currentItem(s)?.question.type === 'multiple', action: () => ({ type: 'toggle' }) },
  { keys: ['space'], help: 'Choose the option under the cursor', group: question, when: asking, action: () => ({ type: 'toggle' }) },
  { keys: ['up', 'k'], help: 'Cursor up', group: question, when: asking, action: () => ({ type: 'cursor', by: -1 }) },
  { keys: ['down', 'j'], help: 'Cursor down', group: question, when: asking, action: () => ({ type: 'cursor', by: 1 }) },
  { keys: ['enter'], help: 'Submit the answer', group: question, hint: 'submit', when: asking, action: (s, k) => ({ type: 'submit', at: at(s, k) }) },

  { keys: ['enter', 'space', 'n'], help: 'Next question (or the summary after the last)', group: answered, hint: 'next', when: feedback, action: (s, k) => ({ type: 'next', at: at(s, k) }) },
  {
    keys: ['o'],
    help: "Open the question's note in Study, at its topic",
    group: answered,
    hint: 'open note',
    when: feedback,
    action: (s) => {
      const topic = s.results[s.results.length - 1]?.item.question.topic;
      return topic === undefined ? undefined : { nav: 'open', screen: 'study', params: { topic } };
    },
  },
  { keys: ['down', 'j'], help: 'Scroll the feedback down', group: answered, when: feedback, action: () => ({ type: 'scroll', by: 1 }) },
  { keys: ['up', 'k'], help: 'Scroll the feedback up', group: answered, when: feedback, action: () => ({ type: 'scroll', by: -1 }) },
  { keys: ['escape', 'q'], help: 'End the round (every answer is already saved)', group: answered, hint: 'end', when: inRound, action: (s, k) => ({ type: 'end', at: at(s, k) }) },

  { keys: ['enter', 'space'], help: 'Back to the setup for another round', group: summary, hint: 'again', when: inSummary, action: () => ({ type: 'setup' }) },
];
