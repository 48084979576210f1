import type { KeyBinding } from '../../keys/bindings.js';
import type { KeyPress } from '../../keys/keypress.js';
import { NO_PAUSE, type ExamSessionAction, type ExamSessionState, reviewList } from './state.js';

type Binding = KeyBinding<ExamSessionState, ExamSessionAction>;

// The exam's keys, close to the real exam's buttons: number keys answer (and toggle in a
// "choose N"), n/p or →/← move, f flags, g jumps to a number, r opens the review grid, s submits
// after a confirmation. There is no way to pause; Esc never leaves a running paper.

const at = (s: ExamSessionState, k: KeyPress) => k.at ?? s.now;
const view = (s: ExamSessionState) => (s.phase === 'running' ? (s.session?.view ?? 'question') : undefined);
const typing = (s: ExamSessionState) => s.phase === 'running' && s.jump !== null;
const asking = (s: ExamSessionState) => !typing(s) && view(s) === 'question';
const inGrid = (s: ExamSessionState) => !typing(s) && view(s) === 'grid';
const confirming = (s: ExamSessionState) => !typing(s) && view(s) === 'confirm';
const running = (s: ExamSessionState) => !typing(s) && s.phase === 'running';
const onReport = (s: ExamSessionState) => s.phase === 'report' && s.view === 'report';
const reviewing = (s: ExamSessionState) => s.phase === 'report' && s.view === 'review';
const multiple = (s: ExamSessionState) => s.session?.questions[s.session.current]?.type === 'multiple';

const paper = (type: 'next' | 'prev' | 'flag' | 'grid' | 'back' | 'submit' | 'confirm' | 'clear') => (s: ExamSessionState, k: KeyPress): ExamSessionAction => ({ type: 'paper', action: { type, at: at(s, k) } });

const question = 'Question';
const grid = 'Review grid';
const submit = 'Submit';
const jump = 'Go to a question';
const report = 'Report';
const review = 'Review';

/** The missed questions as a practice round, in the shape Practice's params take. */
function practiseMisses(s: ExamSessionState) {
  const paperState = s.session;
  if (!paperState) return undefined;
  const missed = reviewList({ ...s, review: { ...s.review, missesOnly: true } }).map((i) => paperState.questions[i]!);
  if (missed.length === 0) return { type: 'flash', text: 'No misses to practise: every question was right' } satisfies ExamSessionAction;
  return { nav: 'open' as const, screen: 'practice', params: { questions: missed, seed: paperState.seed } };
}

/**
 * The paper's keys, typed before the paper is shown: kept and played on it once it arrives, so a
 * candidate typing ahead of a slow first frame loses nothing. Esc, q and ? are left out: they
 * still leave a screen that never gets its paper, and open the help.
 */
const TYPED_AHEAD = ['digit', 'space', 'enter', 'backspace', 'up', 'down', 'left', 'right', 'pageup', 'pagedown', 'n', 'p', 'f', 'g', 'x', 'r', 's', 'y', 'j', 'k', 'h', 'l', 'u', 'F', 'home', 'end'];

export const examSessionKeys: readonly Binding[] = [
  { keys: TYPED_AHEAD, help: 'Typed while the paper is prepared: played on it once it is shown', group: question, when: (s) => s.phase === 'loading', action: (_s, k) => ({ type: 'early', key: k }) },

  { keys: ['digit'], help: 'Type the question number', group: jump, when: typing, action: (_s, k) => ({ type: 'jumpType', text: k.name }) },
  { keys: ['backspace'], help: 'Erase a digit', group: jump, when: typing, action: () => ({ type: 'jumpErase' }) },
  { keys: ['enter'], help: 'Go to that question', group: jump, hint: 'go', when: typing, action: (s, k) => ({ type: 'jumpGo', at: at(s, k) }) },
  { keys: ['escape'], help: 'Cancel', group: jump, hint: 'cancel', when: typing, action: () => ({ type: 'jumpCancel' }) },
  // Anything else typed at the prompt is swallowed, so a stray letter never answers or flags.
  { keys: ['printable'], help: 'Other keys do nothing here', group: jump, when: typing, action: () => undefined },

  {
    keys: ['digit'],
    help: 'Choose that option (toggles it in a "choose N" question)',
    group: question,
    hint: 'answer',
    when: asking,
    action: (s, k) => (k.name === '0' ? undefined : { type: 'paper', action: { type: 'answer', at: at(s, k), key: Number(k.name) } }),
  },
  { keys: ['space'], help: 'Toggle the option under the cursor', group: question, when: (s) => asking(s) && multiple(s), action: (s, k) => ({ type: 'toggle', at: at(s, k) }) },
  { keys: ['space'], help: 'Choose the option under the cursor', group: question, when: asking, action: (s, k) => ({ type: 'toggle', at: at(s, k) }) },
  { keys: ['up', 'k'], help: 'Cursor up', group: question, when: asking, action: () => ({ type: 'cursor', by: -1 }) },
  { keys: ['down', 'j'], help: 'Cursor down', group: question, when: asking, action: () => ({ type: 'cursor', by: 1 }) },
  { keys: ['n', 'right', 'enter'], help: 'Next question', group: question, hint: 'next', when: asking, action: paper('next') },
  { keys: ['p', 'left'], help: 'Previous question', group: question, hint: 'prev', when: asking, action: paper('prev') },
  { keys: ['f'], help: 'Flag or unflag the question for review', group: question, hint: 'flag', when: asking, action: paper('flag') },
  { keys: ['x', 'backspace'], help: 'Clear the answer', group: question, when: asking, action: paper('clear') },
  { keys: ['g'], help: 'Go to a question by its number', group: question, hint: 'go to', when: (s) => asking(s) || inGrid(s), action: () => ({ type: 'jumpOpen' }) },
  { keys: ['pagedown'], help: 'Scroll a long question down', group: question, when: asking, action: () => ({ type: 'scroll', by: 5 }) },
  { keys: ['pageup'], help: 'Scroll a long question up', group: question, when: asking, action: () => ({ type: 'scroll', by: -5 }) },
  { keys: ['r'], help: 'Review grid: answered, unanswered, flagged', group: question, hint: 'grid', when: asking, action: paper('grid') },

  { keys: ['left', 'h'], help: 'Previous number', group: grid, when: inGrid, action: () => ({ type: 'gridMove', by: -1 }) },
  { keys: ['right', 'l'], help: 'Next number', group: grid, when: inGrid, action: () => ({ type: 'gridMove', by: 1 }) },
  { keys: ['up', 'k'], help: 'Row up', group: grid, when: inGrid, action: () => ({ type: 'gridRow', by: -1 }) },
  { keys: ['down', 'j'], help: 'Row down', group: grid, when: inGrid, action: () => ({ type: 'gridRow', by: 1 }) },
  { keys: ['pageup'], help: 'A screenful of rows up', group: grid, when: inGrid, action: () => ({ type: 'gridPage', by: -1 }) },
  { keys: ['pagedown'], help: 'A screenful of rows down', group: grid, when: inGrid, action: () => ({ type: 'gridPage', by: 1 }) },
  { keys: ['home'], help: 'First question', group: grid, when: inGrid, action: () => ({ type: 'gridEdge', to: 'first' }) },
  { keys: ['end'], help: 'Last question', group: grid, when: inGrid, action: () => ({ type: 'gridEdge', to: 'last' }) },
  { keys: ['enter'], help: 'Open the question under the cursor', group: grid, hint: 'open', when: inGrid, action: (s, k) => ({ type: 'gridJump', at: at(s, k) }) },
  { keys: ['u'], help: 'Cursor to the next unanswered question', group: grid, hint: 'unanswered', when: inGrid, action: () => ({ type: 'gridNext', find: 'unanswered' }) },
  { keys: ['F'], help: 'Cursor to the next flagged question', group: grid, hint: 'flagged', when: inGrid, action: () => ({ type: 'gridNext', find: 'flagged' }) },
  { keys: ['escape', 'r', 'q'], help: 'Back to the question', group: grid, hint: 'back', when: inGrid, action: paper('back') },

  { keys: ['s'], help: 'Submit the exam (asks first, listing what is unanswered)', group: submit, hint: 'submit', when: (s) => asking(s) || inGrid(s), action: paper('submit') },
  { keys: ['y', 'enter'], help: 'Yes, submit now', group: submit, hint: 'submit', when: confirming, action: paper('confirm') },
  { keys: ['n', 'escape', 'q'], help: 'No, back to the exam', group: submit, hint: 'back', when: confirming, action: paper('back') },
  { keys: ['escape', 'q'], help: 'No pause: the exam cannot be left while it runs (Ctrl+C closes; --resume goes on)', group: question, when: running, action: () => ({ type: 'flash', text: NO_PAUSE }) },

  { keys: ['v'], help: 'Review every question: your answer, the key, the explanation', group: report, hint: 'review', when: onReport, action: () => ({ type: 'review', missesOnly: false }) },
  { keys: ['m'], help: 'Review the misses only', group: report, hint: 'misses', when: onReport, action: () => ({ type: 'review', missesOnly: true }) },
  { keys: ['p'], help: 'Practise my misses (a practice round on them)', group: report, hint: 'practise', when: (s) => s.phase === 'report', action: practiseMisses },
  { keys: ['h'], help: 'Exam history: the score trend', group: report, hint: 'history', when: onReport, action: () => ({ nav: 'open', screen: 'exam-history' }) },
  { keys: ['down', 'j'], help: 'Scroll down', group: report, when: onReport, action: () => ({ type: 'reportScroll', by: 1 }) },
  { keys: ['up', 'k'], help: 'Scroll up', group: report, when: onReport, action: () => ({ type: 'reportScroll', by: -1 }) },

  { keys: ['right', 'n'], help: 'Next question', group: review, hint: 'next', when: reviewing, action: () => ({ type: 'reviewMove', by: 1 }) },
  { keys: ['left', 'b'], help: 'Previous question', group: review, hint: 'prev', when: reviewing, action: () => ({ type: 'reviewMove', by: -1 }) },
  { keys: ['m'], help: 'Misses only, or every question', group: review, hint: 'misses/all', when: reviewing, action: () => ({ type: 'reviewFilter' }) },
  { keys: ['down', 'j'], help: 'Scroll down', group: review, when: reviewing, action: () => ({ type: 'reviewScroll', by: 1 }) },
  { keys: ['up', 'k'], help: 'Scroll up', group: review, when: reviewing, action: () => ({ type: 'reviewScroll', by: -1 }) },
  { keys: ['escape', 'q'], help: 'Back to the report', group: review, hint: 'report', when: reviewing, action: () => ({ type: 'toReport' }) },
];
