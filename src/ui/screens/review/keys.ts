import type { Grade4 } from '../../../srs/fsrs.js';
import type { KeyBinding } from '../../keys/bindings.js';
import type { KeyPress } from '../../keys/keypress.js';
import type { ReviewAction, ReviewState } from './state.js';

type Binding = KeyBinding<ReviewState, ReviewAction>;

// Anki's keys, so a learner coming from it needs no help: Space shows the answer, 1–4 grade it,
// Space or Enter on the answer means Good, u undoes. The rest are shardlab's own and in `?`.

const onDecks = (s: ReviewState) => s.mode === 'decks';
const onFront = (s: ReviewState) => s.mode === 'card' && s.current?.revealed === false;
const onBack = (s: ReviewState) => s.mode === 'card' && s.current?.revealed === true;
const onCard = (s: ReviewState) => s.mode === 'card';
const waiting = (s: ReviewState) => s.mode === 'waiting';
const inSummary = (s: ReviewState) => s.mode === 'summary';
const canUndo = (s: ReviewState) => s.mode !== 'decks' && (s.session?.history.length ?? 0) > 0;

/** The key's own time: answers are timed and scheduled from when the key arrived. */
const at = (s: ReviewState, k: KeyPress) => k.at ?? s.now;

const decks = 'Decks';
const question = 'Question';
const answer = 'Answer';
const card = 'Session';
const wait = 'Waiting for a learning card';
const summary = 'Session summary';

export const reviewKeys: readonly Binding[] = [
  { keys: ['up', 'k'], help: 'Previous deck', group: decks, hint: 'move', when: onDecks, action: () => ({ type: 'move', by: -1 }) },
  { keys: ['down', 'j'], help: 'Next deck', group: decks, hint: 'move', when: onDecks, action: () => ({ type: 'move', by: 1 }) },
  { keys: ['pageup'], help: 'Up a page of decks', group: decks, when: onDecks, action: (s) => ({ type: 'move', by: -Math.max(1, s.size.rows - 8) }) },
  { keys: ['pagedown'], help: 'Down a page of decks', group: decks, when: onDecks, action: (s) => ({ type: 'move', by: Math.max(1, s.size.rows - 8) }) },
  { keys: ['home', 'g'], help: 'First deck (all cards)', group: decks, when: onDecks, action: () => ({ type: 'moveTo', position: 'first' }) },
  { keys: ['end', 'G'], help: 'Last deck', group: decks, when: onDecks, action: () => ({ type: 'moveTo', position: 'last' }) },
  { keys: ['right', 'l'], help: 'Show the subdecks (headings), or go into the first', group: decks, when: onDecks, action: () => ({ type: 'expand' }) },
  { keys: ['left', 'h'], help: 'Hide the subdecks, or go to the parent deck', group: decks, when: onDecks, action: () => ({ type: 'collapse' }) },
  { keys: ['enter', 'space'], help: 'Study the highlighted deck', group: decks, hint: 'study', when: onDecks, action: (s, k) => ({ type: 'start', at: at(s, k) }) },

  { keys: ['space', 'enter'], help: 'Show the answer', group: question, hint: 'show answer', when: onFront, action: (s, k) => ({ type: 'reveal', at: at(s, k) }) },
  // Grading unseen would be a guess recorded as knowledge: digits wait for the answer.
  { keys: ['1', '2', '3', '4'], help: 'Grades need the answer shown first', group: question, when: onFront, action: () => undefined },

  {
    keys: ['1', '2', '3', '4'],
    help: 'Grade: 1 Again (forgot), 2 Hard, 3 Good, 4 Easy; each button shows when the card comes back',
    group: answer,
    hint: 'grade',
    when: onBack,
    action: (s, k) => ({ type: 'grade', grade: Number(k.name) as Grade4, at: at(s, k) }),
  },
  { keys: ['space', 'enter'], help: 'Good (as in Anki)', group: answer, when: onBack, action: (s, k) => ({ type: 'grade', grade: 3, at: at(s, k) }) },

  { keys: ['u'], help: 'Undo the last answer, suspend or bury', group: card, hint: 'undo', when: canUndo, action: (s, k) => ({ type: 'undo', at: at(s, k) }) },
  { keys: ['e'], help: "Open the card's note at its line in $VISUAL or $EDITOR", group: card, hint: 'edit', when: onCard, action: () => ({ type: 'edit' }) },
  { keys: ['s'], help: 'Suspend the card: it leaves every queue (shardlab progress unsuspend brings it back)', group: card, when: onCard, action: (s, k) => ({ type: 'suspend', at: at(s, k) }) },
  { keys: ['b'], help: 'Bury the card until tomorrow', group: card, when: onCard, action: (s, k) => ({ type: 'bury', at: at(s, k) }) },
  { keys: ['down', 'j'], help: 'Scroll a long card down', group: card, when: onCard, action: () => ({ type: 'scroll', by: 1 }) },
  { keys: ['up', 'k'], help: 'Scroll a long card up', group: card, when: onCard, action: () => ({ type: 'scroll', by: -1 }) },
  { keys: ['escape', 'q'], help: 'End the session (every answer is already saved)', group: card, hint: 'end', when: onCard, action: (s, k) => ({ type: 'end', at: at(s, k) }) },

  { keys: ['enter', 'space'], help: 'Study the waiting card now instead of waiting', group: wait, hint: 'study now', when: waiting, action: (s, k) => ({ type: 'studyNow', at: at(s, k) }) },
  { keys: ['escape', 'q'], help: 'End the session', group: wait, hint: 'end', when: waiting, action: (s, k) => ({ type: 'end', at: at(s, k) }) },

  { keys: ['enter', 'space', 'escape', 'q'], help: 'Back to the decks', group: summary, hint: 'decks', when: inSummary, action: (s, k) => ({ type: 'decks', at: at(s, k) }) },
];
