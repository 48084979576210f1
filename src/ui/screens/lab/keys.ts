import type { KeyBinding } from '../../keys/bindings.js';
import { bodyHeight } from '../../layout.js';
import { BACK_GROUP, BACK_HELP } from '../../router/back.js';
import { consolePane } from './console-lines.js';
import { type LabAction, type LabState, SECTIONS, TYPED_SETTINGS } from './state.js';

type Binding = KeyBinding<LabState, LabAction>;

// Three key sets by what is on screen: the lab (sections and the solving area), the console
// prompt (which takes every typed key, so it binds Esc itself), and the run and its result.

const inLab = (s: LabState) => s.view === 'lab' && !s.typing && !s.settingEdit;
const typing = (s: LabState) => s.view === 'lab' && s.typing;
const editing = (s: LabState) => s.view === 'lab' && s.settingEdit !== null;
const inConsole = (s: LabState) => s.view === 'lab' && s.section === 'solve' && s.lab.solve === 'commands';
/** More of the console's answer is below the pane, so PgDn is worth a footer hint. */
const outputOverflows = (s: LabState) => {
  if (!inConsole(s)) return false;
  const { top, room, total } = consolePane(s, s.size.columns, bodyHeight(s.size) - 2).output;
  return top + room < total;
};
const outputPage = (s: LabState) => Math.max(1, consolePane(s, s.size.columns, bodyHeight(s.size) - 2).output.room - 1);
const solving = (kind: string) => (s: LabState) => inLab(s) && s.section === 'solve' && s.lab.solve === kind;
const reading = (s: LabState) => inLab(s) && s.section !== 'solve';
const running = (s: LabState) => s.view === 'running';
const results = (s: LabState) => s.view === 'results' && !s.inspect;
const inspecting = (s: LabState) => s.view === 'results' && s.inspect !== null;
/** A run finished with a world to look at (not one whose code did not run). */
const inspectable = (s: LabState) => results(s) && !!s.result?.metrics;
const inspectPage = (s: LabState) => Math.max(1, bodyHeight(s.size) - 8);

const pageDownHelp = "Scroll the console's answer down (help, long answers)";
const formEnterHelp = 'Type a value for a number, duration or size; the next choice for the others';

const lab = 'Lab';
const prompt = 'Console prompt';
const form = 'Settings form';
const value = 'Typing a value';
const lines = 'Console lines';
const runningGroup = 'While the lab runs';
const run = 'Result';
const inspect = 'Inspect console (after a run)';

export const labKeys: readonly Binding[] = [
  { keys: ['escape'], help: 'Cancel the run', group: runningGroup, hint: 'cancel', when: running, action: () => ({ type: 'cancel' }) },
  { keys: ['down', 'j'], help: 'Scroll the result down', group: run, when: results, action: () => ({ type: 'scroll', by: 1 }) },
  { keys: ['up', 'k'], help: 'Scroll the result up', group: run, when: results, action: () => ({ type: 'scroll', by: -1 }) },
  { keys: ['pagedown', 'space'], help: 'Result down a page', group: run, when: results, action: (s) => ({ type: 'scroll', by: Math.max(1, s.size.rows - 6) }) },
  { keys: ['pageup', 'b'], help: 'Result up a page', group: run, when: results, action: (s) => ({ type: 'scroll', by: -Math.max(1, s.size.rows - 6) }) },
  { keys: ['right', 'l', 'tab'], help: 'Next topic to read', group: run, when: (s) => results(s) && s.topics.length > 1, action: () => ({ type: 'topic', by: 1 }) },
  { keys: ['left', 'h', 'backtab'], help: 'Previous topic to read', group: run, when: (s) => results(s) && s.topics.length > 1, action: () => ({ type: 'topic', by: -1 }) },
  {
    keys: ['enter', 'o'],
    help: 'Open the selected topic to read in Study',
    group: run,
    hint: 'read',
    when: (s) => results(s) && s.topics.length > 0,
    action: (s) => ({ nav: 'open', screen: 'study', params: { topic: s.topics[s.topicCursor]!.id } }),
  },
  { keys: ['c'], help: 'Console on the world the run left (S3 objects, queues, shards), for every kind of lab', group: run, hint: 'inspect', when: inspectable, action: () => ({ type: 'inspect' }) },
  { keys: ['r'], help: 'Run again', group: run, hint: 'run again', when: results, action: () => ({ type: 'run' }) },
  { keys: ['escape', 'q'], help: 'Back to the lab', group: run, hint: 'back', when: results, action: () => ({ type: 'closeResults' }) },

  { keys: ['enter'], help: 'Run the line on the world as the run left it', group: inspect, hint: 'enter', when: inspecting, action: () => ({ type: 'submit' }) },
  { keys: ['tab'], help: 'Complete the command, flag or value', group: inspect, hint: 'complete', when: inspecting, action: () => ({ type: 'complete' }) },
  { keys: ['up'], help: 'Earlier line', group: inspect, when: inspecting, action: () => ({ type: 'recall', by: -1 }) },
  { keys: ['down'], help: 'Later line', group: inspect, when: inspecting, action: () => ({ type: 'recall', by: 1 }) },
  { keys: ['left'], help: 'Cursor left', group: inspect, when: inspecting, action: () => ({ type: 'cursor', by: -1 }) },
  { keys: ['right'], help: 'Cursor right', group: inspect, when: inspecting, action: () => ({ type: 'cursor', by: 1 }) },
  { keys: ['home', 'ctrl+a'], help: 'Start of the line', group: inspect, when: inspecting, action: (s) => ({ type: 'cursor', by: -(s.inspect?.cursor ?? 0) }) },
  { keys: ['end', 'ctrl+e'], help: 'End of the line', group: inspect, when: inspecting, action: (s) => ({ type: 'cursor', by: s.inspect?.input.length ?? 0 }) },
  { keys: ['backspace'], help: 'Delete before the cursor', group: inspect, when: inspecting, action: () => ({ type: 'backspace' }) },
  { keys: ['pagedown'], help: 'Scroll the answer down', group: inspect, when: inspecting, action: (s) => ({ type: 'outputScroll', by: inspectPage(s) }) },
  { keys: ['pageup'], help: 'Scroll the answer up', group: inspect, when: inspecting, action: (s) => ({ type: 'outputScroll', by: -inspectPage(s) }) },
  { keys: ['escape'], help: 'Clear the line; on an empty line, back to the result', group: inspect, hint: 'back', when: inspecting, action: () => ({ type: 'clearInput' }) },
  { keys: ['printable'], help: 'Type an AWS CLI line (help lists the commands)', group: inspect, when: inspecting, action: (_s, k) => ({ type: 'insert', text: k.text }) },

  // Two PgDn bindings so the footer offers `more` only while there is more; one help row (same keys, same words).
  { keys: ['pagedown'], help: pageDownHelp, group: prompt, hint: 'more', when: outputOverflows, action: (s) => ({ type: 'outputScroll', by: outputPage(s) }) },
  { keys: ['pageup'], help: "Scroll the console's answer up", group: prompt, when: inConsole, action: (s) => ({ type: 'outputScroll', by: -outputPage(s) }) },
  { keys: ['pagedown'], help: pageDownHelp, group: prompt, when: inConsole, action: (s) => ({ type: 'outputScroll', by: outputPage(s) }) },
  { keys: ['enter'], help: 'Run the line in the console; a line AWS answers is kept in your solution', group: prompt, hint: 'enter', when: typing, action: () => ({ type: 'submit' }) },
  { keys: ['tab'], help: 'Complete the command, flag or value', group: prompt, hint: 'complete', when: typing, action: () => ({ type: 'complete' }) },
  { keys: ['up'], help: 'Earlier line (history)', group: prompt, when: typing, action: () => ({ type: 'recall', by: -1 }) },
  { keys: ['down'], help: 'Later line (history)', group: prompt, when: typing, action: () => ({ type: 'recall', by: 1 }) },
  { keys: ['left'], help: 'Cursor left', group: prompt, when: typing, action: () => ({ type: 'cursor', by: -1 }) },
  { keys: ['right'], help: 'Cursor right', group: prompt, when: typing, action: () => ({ type: 'cursor', by: 1 }) },
  { keys: ['home', 'ctrl+a'], help: 'Start of the line', group: prompt, when: typing, action: (s) => ({ type: 'cursor', by: -s.cursor }) },
  { keys: ['end', 'ctrl+e'], help: 'End of the line', group: prompt, when: typing, action: (s) => ({ type: 'cursor', by: s.input.length }) },
  { keys: ['backspace'], help: 'Delete before the cursor', group: prompt, when: typing, action: () => ({ type: 'backspace' }) },
  { keys: ['ctrl+r'], help: 'Run the lab with the kept lines', group: prompt, hint: 'run lab', when: typing, action: () => ({ type: 'run' }) },
  { keys: ['escape'], help: 'Clear the line; on an empty line, leave the prompt (then d deletes a kept line)', group: prompt, hint: 'leave', when: typing, action: () => ({ type: 'clearInput' }) },
  { keys: ['backtab'], help: 'Previous section', group: prompt, when: typing, action: () => ({ type: 'sectionBy', by: -1 }) },
  { keys: ['printable'], help: 'Type (help lists the commands; at 30s: runs a line at that virtual time)', group: prompt, when: typing, action: (_s, k) => ({ type: 'insert', text: k.text }) },

  { keys: ['enter'], help: 'Set the typed value (refused with the reason when it is out of bounds or not a value)', group: value, hint: 'set', when: editing, action: () => ({ type: 'editCommit' }) },
  { keys: ['escape'], help: 'Cancel: the setting keeps its value', group: value, hint: 'cancel', when: editing, action: () => ({ type: 'editCancel' }) },
  { keys: ['backspace'], help: 'Delete the last character', group: value, when: editing, action: () => ({ type: 'editBackspace' }) },
  { keys: ['printable'], help: 'Type the value: 4, 0.5, 30s, 5min, 64MiB (the first key replaces the value shown)', group: value, when: editing, action: (_s, k) => ({ type: 'editInsert', text: k.text }) },
  // Nothing else may act on the lab while a value is half typed.
  { keys: ['up', 'down', 'left', 'right', 'tab', 'backtab', 'home', 'end', 'pageup', 'pagedown'], help: 'Finish the value first (Enter or Esc)', group: value, when: editing, action: () => undefined },
  {
    keys: ['enter'],
    help: formEnterHelp,
    group: form,
    hint: 'type value',
    when: (s) => solving('settings')(s) && TYPED_SETTINGS.has(s.lab.settings[s.settingCursor]?.type ?? ''),
    action: () => ({ type: 'editSetting' }),
  },
  { keys: ['enter'], help: formEnterHelp, group: form, when: solving('settings'), action: () => ({ type: 'editSetting' }) },
  { keys: ['up', 'k'], help: 'Previous setting', group: form, when: solving('settings'), action: () => ({ type: 'setting', by: -1 }) },
  { keys: ['down', 'j'], help: 'Next setting', group: form, when: solving('settings'), action: () => ({ type: 'setting', by: 1 }) },
  { keys: ['left', 'h', '-'], help: 'Smaller value, previous choice', group: form, hint: 'change', when: solving('settings'), action: () => ({ type: 'adjust', by: -1 }) },
  { keys: ['right', 'l', '+'], help: 'Larger value, next choice', group: form, when: solving('settings'), action: () => ({ type: 'adjust', by: 1 }) },

  { keys: ['up', 'k'], help: 'Previous kept line', group: lines, when: solving('commands'), action: () => ({ type: 'select', by: -1 }) },
  { keys: ['down', 'j'], help: 'Next kept line', group: lines, when: solving('commands'), action: () => ({ type: 'select', by: 1 }) },
  { keys: ['d', 'x'], help: 'Delete the selected line from your solution', group: lines, hint: 'delete', when: solving('commands'), action: () => ({ type: 'deleteLine' }) },
  { keys: ['enter', 'i'], help: 'Back to the prompt', group: lines, hint: 'type', when: solving('commands'), action: () => ({ type: 'focus', on: true }) },
  { keys: ['s'], help: "Start again from the lab's starter lines (press twice to drop lines of your own)", group: lines, when: solving('commands'), action: () => ({ type: 'resetStarter' }) },

  { keys: ['e'], help: 'Open your solution file in $EDITOR', group: lab, hint: 'edit', when: solving('code'), action: () => ({ type: 'edit' }) },
  // One row per key: Tab and Shift+Tab always move between sections, ←/→ too except where the
  // settings form uses them to step a value.
  { keys: ['tab'], help: 'Next section', group: lab, hint: 'section', when: inLab, action: () => ({ type: 'sectionBy', by: 1 }) },
  { keys: ['backtab'], help: 'Previous section', group: lab, when: inLab, action: () => ({ type: 'sectionBy', by: -1 }) },
  { keys: ['right'], help: 'Next section (in the settings form, a larger value)', group: lab, when: (s) => inLab(s) && !(s.section === 'solve' && s.lab.solve === 'settings'), action: () => ({ type: 'sectionBy', by: 1 }) },
  { keys: ['left'], help: 'Previous section (in the settings form, a smaller value)', group: lab, when: (s) => inLab(s) && !(s.section === 'solve' && s.lab.solve === 'settings'), action: () => ({ type: 'sectionBy', by: -1 }) },
  { keys: ['1', '2', '3', '4'], help: 'Story, Task, Hints, Solve', group: lab, when: inLab, action: (_s, k) => ({ type: 'section', to: SECTIONS[Number(k.name) - 1]! }) },
  { keys: ['n'], help: 'Reveal the next hint', group: lab, hint: 'hint', when: inLab, action: () => ({ type: 'hint' }) },
  { keys: ['r'], help: 'Run the lab with your solution', group: lab, hint: 'run', when: inLab, action: () => ({ type: 'run' }) },
  { keys: ['down', 'j'], help: 'Scroll down', group: lab, when: reading, action: () => ({ type: 'scroll', by: 1 }) },
  { keys: ['up', 'k'], help: 'Scroll up', group: lab, when: reading, action: () => ({ type: 'scroll', by: -1 }) },
  { keys: ['pagedown', 'space'], help: 'Down a page', group: lab, when: reading, action: (s) => ({ type: 'scroll', by: Math.max(1, s.size.rows - 6) }) },
  { keys: ['pageup', 'b'], help: 'Up a page', group: lab, when: reading, action: (s) => ({ type: 'scroll', by: -Math.max(1, s.size.rows - 6) }) },
  // The global Back row says this already; the lab binds it only to let its last run's world go,
  // so it joins that row (same group, keys and words) instead of adding a second one.
  // Last in the table, so the Everywhere section still comes after the lab's own.
  { keys: ['escape', 'q'], help: BACK_HELP, group: BACK_GROUP, when: inLab, action: () => ({ nav: 'back', update: { type: 'leave' } }) },
];
