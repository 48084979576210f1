import type { ContentIndex, Topic } from '../../../content/model.js';
import { applyCompletion, type ConsoleAnswer, LabConsole } from '../../../labs/console.js';
import type { Lab, SettingDef, SettingValue } from '../../../labs/model.js';
import type { LabDraft, LabReport, LabRequest } from '../../../labs/protocol.js';
import type { LabBest } from '../../../labs/results.js';
import type { LabRunResult } from '../../../labs/run.js';
import { parseSolution } from '../../../labs/solution.js';
import type { RunProgress } from '../../../sim/scenario/progress.js';
import { type TerminalSize, bodyHeight } from '../../layout.js';
import { consolePane } from './console-lines.js';
import { stepDuration, stepSize } from './units.js';
import { starterCommands } from '../../../labs/starter.js';
import { INSPECT_ACTIONS, type InspectAction, type InspectState, inspected, inspectReduced, openInspect, reduceInspect } from './inspect.js';
import { type AppEffect, type Reduced, type ScreenContext, withEffects } from '../model.js';

// One lab: its story, task and hints, the solving area for its kind (a settings form, the lab
// console, or the learner's code file), the run with its live dashboard, and the scored result.
// What the learner typed or chose goes to the `labs` port after every change, so leaving and
// coming back loses nothing; runs and their results go through the same port.

export const SECTIONS = ['story', 'task', 'hints', 'solve'] as const;
export type Section = (typeof SECTIONS)[number];

/** Points of the live dashboard's sparkline kept: the run's last slices. */
const SPARK_POINTS = 60;

export interface LabState {
  size: TerminalSize;
  lab: Lab;
  /** Topics to read after a run: the lab's `topics` that the notes have, with their titles. */
  topics: { id: string; title: string }[];
  /** `idle`: the draft is still to be asked for (the app wakes the screen for it). */
  draft: 'idle' | 'loading' | 'ready';
  section: Section;
  scroll: number;
  hintsShown: number;
  /** The console prompt has the keys (commands labs, in the solve section). */
  typing: boolean;
  console: LabConsole | null;
  /** The console lines kept as the solution, and each one's answer. */
  commands: string[];
  answers: ConsoleAnswer[];
  /**
   * Timed lines are answered by a preview the `labs` port plays with the scenario's traffic;
   * only the one asked for the current lines (this id) may replace the answers.
   */
  previewId: number;
  input: string;
  cursor: number;
  /** Where ↑/↓ is in the kept lines while recalling them; null when typing a new one. */
  recall: number | null;
  /** The last answer shown under the prompt (a help text, a refused line). */
  output: { text: string; ok: boolean } | null;
  completions: string[];
  /** Selected kept line when the prompt is not focused (d deletes it). */
  selected: number;
  /** `s` was pressed once over lines of the learner's own: the next `s` replaces them with the starter. */
  resetAsked: boolean;
  settings: Record<string, SettingValue>;
  settingCursor: number;
  /** A value being typed for the selected setting; the setting keeps its value until it is accepted. */
  settingEdit: SettingEdit | null;
  /** First line of the console's answer pane shown (PgUp/PgDn); back to 0 with every new answer. */
  outputScroll: number;
  codeFile: string | null;
  best: LabBest | null;
  view: 'lab' | 'running' | 'results';
  runId: number;
  progress: RunProgress | null;
  /** Iterator age or queue depth per slice, for the sparkline. */
  spark: number[];
  result: LabRunResult | null;
  /** Why the solution could not be run (file:line messages). */
  problems: string[];
  resultScroll: number;
  topicCursor: number;
  /** The inspect console over the last run's world, when open from the result. */
  inspect: InspectState | null;
}

export interface SettingEdit {
  text: string;
  /** The text is the value the edit started from: the first key typed replaces it. */
  fresh: boolean;
  /** Why the last Enter was refused, in the lab format's words. */
  error: string | null;
}

export type LabAction =
  | { type: 'loadDraft' }
  | { type: 'section'; to: Section }
  | { type: 'sectionBy'; by: number }
  | { type: 'scroll'; by: number }
  | { type: 'hint' }
  | { type: 'focus'; on: boolean }
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'cursor'; by: number }
  | { type: 'submit' }
  | { type: 'complete' }
  | { type: 'recall'; by: number }
  | { type: 'clearInput' }
  | { type: 'select'; by: number }
  | { type: 'deleteLine' }
  /** Back to the lab's starter lines; asks first when that would drop lines of the learner's own. */
  | { type: 'resetStarter' }
  | { type: 'setting'; by: number }
  | { type: 'adjust'; by: number }
  | { type: 'editSetting' }
  | { type: 'editInsert'; text: string }
  | { type: 'editBackspace' }
  | { type: 'editCommit' }
  | { type: 'editCancel' }
  | { type: 'outputScroll'; by: number }
  | { type: 'run' }
  | { type: 'cancel' }
  | { type: 'edit' }
  | { type: 'closeResults' }
  /** Opens the inspect console over the last run's world. */
  | { type: 'inspect' }
  /** The lab is left: the port lets its last run's world go. */
  | { type: 'leave' }
  | { type: 'topic'; by: number }
  | LabReport;

export interface LabParams {
  lab: Lab;
}

function findTopic(topics: readonly Topic[], id: string): Topic | undefined {
  for (const t of topics) {
    if (t.id === id) return t;
    const inner = findTopic(t.children, id);
    if (inner) return inner;
  }
  return undefined;
}

export function topicsToRead(index: ContentIndex, lab: Lab): { id: string; title: string }[] {
  return lab.topics.flatMap((id) => {
    const t = findTopic(index.topics, id);
    return t ? [{ id, title: t.title }] : [];
  });
}

export function initLab(ctx: ScreenContext, size: TerminalSize, params?: unknown): LabState {
  const lab = (params as LabParams).lab;
  return {
    size,
    lab,
    topics: topicsToRead(ctx.index, lab),
    draft: 'idle',
    section: 'story',
    scroll: 0,
    hintsShown: 0,
    typing: false,
    console: lab.solve === 'commands' ? new LabConsole(lab) : null,
    commands: [],
    answers: [],
    previewId: 0,
    input: '',
    cursor: 0,
    recall: null,
    output: null,
    completions: [],
    selected: 0,
    resetAsked: false,
    settings: Object.fromEntries(lab.settings.map((s) => [s.name, s.default])),
    settingCursor: 0,
    settingEdit: null,
    outputScroll: 0,
    codeFile: null,
    best: null,
    view: 'lab',
    runId: 0,
    progress: null,
    spark: [],
    result: null,
    problems: [],
    resultScroll: 0,
    topicCursor: 0,
    inspect: null,
  };
}

const task = (request: LabRequest): AppEffect => ({ type: 'task', task: { port: 'labs', request } });

function draftOf(s: LabState): LabDraft {
  return { hintsShown: s.hintsShown, commands: s.commands, settings: s.settings };
}

/** The state, and the draft stored because it changed (and the timed lines' preview asked for, when the lines changed). */
function saved(s: LabState, ...more: AppEffect[]): Reduced<LabState> {
  return withEffects(s, task({ kind: 'save', lab: s.lab.id, draft: draftOf(s) }), ...more);
}

/** The kept lines with what can be answered at once; timed lines wait for `previewTask`. */
function withAnswers(s: LabState, commands: string[]): LabState {
  return { ...s, commands, answers: s.console ? s.console.answerNow(commands) : [], previewId: s.previewId + 1 };
}

/** Asks the port to play the traffic up to the timed lines, when there are any to answer. */
function previewTask(s: LabState): AppEffect[] {
  if (!s.answers.some((a) => a.kind === 'later')) return [];
  return [task({ kind: 'preview', previewId: s.previewId, lab: s.lab, commands: s.commands })];
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** The value a left/right step gives a setting, kept within its bounds. */
export function stepSetting(def: SettingDef, value: SettingValue, by: number): SettingValue {
  if (def.type === 'boolean') return !value;
  if (def.type === 'choice') {
    const options = def.options ?? [];
    const at = options.indexOf(String(value));
    return options[(at + by + options.length) % options.length] ?? value;
  }
  const v = Number(value);
  const lo = def.min ?? (def.type === 'integer' || def.type === 'duration' || def.type === 'size' ? 0 : -Infinity);
  const hi = def.max ?? Infinity;
  // Durations and sizes climb a ladder of round values; a step never goes past a bound.
  if (def.type === 'duration') {
    const whole = [def.min ?? 0, def.max ?? 0, Number(def.default)].every((n) => n % 1000 === 0);
    return stepDuration(v, by, lo, hi, whole ? 1000 : 1);
  }
  if (def.type === 'size') return stepSize(v, by, lo, hi);
  let next: number;
  if (def.type === 'number') next = Math.round((v + by * (Math.abs(v) < 1 ? 0.05 : 1)) * 100) / 100;
  else next = v + by;
  return clamp(def.type === 'integer' ? Math.round(next) : next, lo, hi);
}

/** The settings as a solution file: `name: value`, durations in ms and sizes in bytes. */
export function settingsYaml(lab: Lab, values: Record<string, SettingValue>): string {
  return lab.settings
    .map((d) => {
      const v = values[d.name] ?? d.default;
      return `${d.name}: ${d.type === 'duration' ? `${v}ms` : d.type === 'size' ? `${v}B` : JSON.stringify(v)}`;
    })
    .join('\n');
}

function startRun(s: LabState): Reduced<LabState> {
  const runId = s.runId + 1;
  const next: LabState = { ...s, view: 'running', runId, progress: null, spark: [], result: null, problems: [], typing: false, settingEdit: null, inspect: null };
  const { lab } = s;
  if (lab.solve === 'code') return withEffects(next, task({ kind: 'run-file', runId, lab }));
  if (lab.solve === 'commands') return withEffects(next, task({ kind: 'run', runId, lab, language: 'sh', text: s.commands.join('\n'), file: 'console' }));
  return withEffects(next, task({ kind: 'run', runId, lab, language: 'yaml', text: settingsYaml(lab, s.settings), file: 'settings' }));
}

function applyDraft(s: LabState, draft: LabDraft): LabState {
  const settings = { ...s.settings };
  for (const d of s.lab.settings) {
    const v = draft.settings[d.name];
    if (v !== undefined && typeof v === typeof d.default) settings[d.name] = v;
  }
  return withAnswers({ ...s, hintsShown: Math.min(draft.hintsShown, s.lab.hints.length), settings }, draft.commands);
}

function editInput(s: LabState, input: string, cursor: number): LabState {
  return { ...s, input, cursor, completions: [], recall: null, outputScroll: 0 };
}

/** Setting types a learner may type a value for; a choice or a switch only steps. */
export const TYPED_SETTINGS: ReadonlySet<string> = new Set(['integer', 'number', 'duration', 'size']);

/** How a value is offered for editing: in the units a solution file takes (`30s`, `64MiB`). */
export function editText(def: SettingDef, value: SettingValue): string {
  const v = Number(value);
  if (def.type === 'duration') return v % 60_000 === 0 && v > 0 ? `${v / 60_000}min` : v % 1000 === 0 && v > 0 ? `${v / 1000}s` : `${v}ms`;
  if (def.type === 'size') return v % 1048576 === 0 && v > 0 ? `${v / 1048576}MiB` : v % 1024 === 0 && v > 0 ? `${v / 1024}KiB` : `${v}B`;
  return String(value);
}

/**
 * A typed value read as a solution file's `name: value` line would be, so the form accepts
 * exactly what `lab run --solution` accepts (`30s`, `5min`, `64MiB`) with the same bounds.
 */
export function readTypedSetting(def: SettingDef, text: string): { ok: true; value: SettingValue } | { ok: false; message: string } {
  const parsed = parseSolution({ solve: 'settings', settings: [def] }, 'yaml', `${def.name}: ${text}`, 'form');
  if (!parsed.ok) return { ok: false, message: parsed.problems[0]!.message.replace(/^not valid YAML: .*/, `"${text}" cannot be read as a value`).replace(new RegExp(`^${def.name} `), '') };
  const value = parsed.solution.kind === 'settings' ? parsed.solution.values.get(def.name) : undefined;
  return value === undefined ? { ok: false, message: `must be ${def.type === 'integer' ? 'a whole number' : 'a value'}; got nothing` } : { ok: true, value };
}

/** The console pane's answer rows and how far they can scroll, as the view lays them out. */
function outputMax(s: LabState): number {
  const pane = consolePane(s, s.size.columns, bodyHeight(s.size) - 2);
  return Math.max(0, pane.output.total - pane.output.room);
}

/** Reports from the port: they arrive on their own, so they must not cancel a question asked. */
const REPORTS: ReadonlySet<string> = new Set(['listed', 'opened', 'runProgress', 'runDone', 'previewed', 'inspected', 'portFailed']);

/** `s` over the kept lines: the starter again, once the learner has said yes to losing theirs. */
function resetToStarter(s: LabState): LabState | Reduced<LabState> {
  const starter = starterCommands(s.lab);
  const same = starter.length === s.commands.length && starter.every((c, i) => c === s.commands[i]);
  if (same) return { ...s, resetAsked: false, output: { text: 'Your lines are the starter lines already.', ok: true } };
  if (!s.resetAsked && s.commands.length > 0) {
    const n = s.commands.length;
    return { ...s, resetAsked: true, outputScroll: 0, output: { text: `Press s again to replace your ${n} kept line${n === 1 ? '' : 's'} with the lab's starter lines; yours are not kept. Any other key keeps them.`, ok: true } };
  }
  const next = { ...withAnswers(s, starter), resetAsked: false, selected: 0, outputScroll: 0, output: { text: 'Back to the starter lines.', ok: true } };
  return saved(next, ...previewTask(next));
}

export function labReducer(s: LabState, a: LabAction): LabState | Reduced<LabState> {
  if (s.resetAsked && a.type !== 'resetStarter' && !REPORTS.has(a.type)) s = { ...s, resetAsked: false, output: null };
  if (s.inspect && s.view === 'results' && INSPECT_ACTIONS.has(a.type)) {
    const r = reduceInspect(s.lab.id, s.inspect, a as InspectAction);
    return inspectReduced({ ...s, inspect: r.inspect }, r.effects);
  }
  switch (a.type) {
    case 'loadDraft':
      return withEffects({ ...s, draft: 'loading' }, task({ kind: 'open', lab: s.lab }));
    case 'opened': {
      if (a.lab !== s.lab.id) return s;
      const next = { ...applyDraft(s, a.draft), draft: 'ready' as const, codeFile: a.codeFile, best: a.best };
      return withEffects(next, ...previewTask(next), ...(a.notice ? [{ type: 'notice', text: a.notice, tone: 'error' } as const] : []));
    }
    case 'previewed': {
      if (a.lab !== s.lab.id || a.previewId !== s.previewId || a.answers.length !== s.commands.length) return s;
      return { ...s, answers: a.answers };
    }
    case 'section':
      return { ...s, section: a.to, scroll: 0, typing: a.to === 'solve' && s.lab.solve === 'commands', settingEdit: null };
    case 'sectionBy': {
      const to = SECTIONS[(SECTIONS.indexOf(s.section) + a.by + SECTIONS.length) % SECTIONS.length]!;
      return labReducer(s, { type: 'section', to });
    }
    case 'scroll':
      return s.view === 'results' ? { ...s, resultScroll: Math.max(0, s.resultScroll + a.by) } : { ...s, scroll: Math.max(0, s.scroll + a.by) };
    case 'hint':
      return s.hintsShown >= s.lab.hints.length ? s : saved({ ...s, section: 'hints', hintsShown: s.hintsShown + 1 });
    case 'focus':
      return { ...s, typing: a.on && s.lab.solve === 'commands', completions: [] };
    case 'insert':
      return editInput(s, s.input.slice(0, s.cursor) + a.text + s.input.slice(s.cursor), s.cursor + a.text.length);
    case 'backspace':
      return s.cursor === 0 ? s : editInput(s, s.input.slice(0, s.cursor - 1) + s.input.slice(s.cursor), s.cursor - 1);
    case 'cursor':
      return { ...s, cursor: clamp(s.cursor + a.by, 0, s.input.length) };
    case 'clearInput':
      return s.input === '' ? { ...s, typing: false, output: null } : editInput(s, '', 0);
    case 'complete': {
      if (!s.console) return s;
      const completion = s.console.complete(s.input, s.cursor);
      const { line, cursor } = applyCompletion(s.input, completion);
      return { ...s, input: line, cursor, completions: completion.candidates.length > 1 ? completion.candidates : [], outputScroll: 0 };
    }
    case 'recall': {
      if (s.commands.length === 0) return s;
      const from = s.recall ?? s.commands.length;
      const at = from + a.by;
      if (at >= s.commands.length) return { ...s, recall: null, input: '', cursor: 0 };
      const i = clamp(at, 0, s.commands.length - 1);
      return { ...s, recall: i, input: s.commands[i]!, cursor: s.commands[i]!.length };
    }
    case 'submit': {
      const line = s.input.trim();
      if (!line || !s.console) return s;
      const [answer] = s.console.answerNow([line]);
      if (answer && answer.kind === 'help') return { ...editInput(s, '', 0), output: { text: answer.text, ok: true } };
      // A line the CLI refuses stays at the prompt to be fixed; a line AWS answers is kept.
      if (answer && answer.kind === 'usage') return { ...s, output: { text: answer.text, ok: false }, completions: [], outputScroll: 0 };
      const next = withAnswers(editInput(s, '', 0), [...s.commands, line]);
      const kept = { ...next, output: null, selected: next.commands.length - 1 };
      return saved(kept, ...previewTask(kept));
    }
    case 'select':
      return { ...s, selected: clamp(s.selected + a.by, 0, Math.max(0, s.commands.length - 1)), outputScroll: 0 };
    case 'outputScroll':
      return { ...s, outputScroll: clamp(s.outputScroll + a.by, 0, outputMax(s)) };
    case 'deleteLine': {
      if (s.commands.length === 0) return s;
      const commands = s.commands.filter((_, i) => i !== s.selected);
      const next = { ...withAnswers(s, commands), selected: clamp(s.selected, 0, Math.max(0, commands.length - 1)), outputScroll: 0 };
      return saved(next, ...previewTask(next));
    }
    case 'resetStarter':
      return resetToStarter(s);
    case 'setting':
      return { ...s, settingCursor: clamp(s.settingCursor + a.by, 0, Math.max(0, s.lab.settings.length - 1)), settingEdit: null };
    case 'editSetting': {
      const def = s.lab.settings[s.settingCursor];
      if (!def) return s;
      if (!TYPED_SETTINGS.has(def.type)) return labReducer(s, { type: 'adjust', by: 1 });
      return { ...s, settingEdit: { text: editText(def, s.settings[def.name] ?? def.default), fresh: true, error: null } };
    }
    case 'editInsert':
      return s.settingEdit ? { ...s, settingEdit: { text: (s.settingEdit.fresh ? '' : s.settingEdit.text) + a.text, fresh: false, error: null } } : s;
    case 'editBackspace':
      return s.settingEdit ? { ...s, settingEdit: { text: s.settingEdit.text.slice(0, -1), fresh: false, error: null } } : s;
    case 'editCancel':
      return { ...s, settingEdit: null };
    case 'editCommit': {
      const def = s.lab.settings[s.settingCursor];
      if (!def || !s.settingEdit) return s;
      const read = readTypedSetting(def, s.settingEdit.text.trim());
      // A refused value leaves the setting as it was and the text there to be fixed.
      if (!read.ok) return { ...s, settingEdit: { ...s.settingEdit, fresh: false, error: read.message } };
      return saved({ ...s, settingEdit: null, settings: { ...s.settings, [def.name]: read.value } });
    }
    case 'adjust': {
      const def = s.lab.settings[s.settingCursor];
      if (!def) return s;
      return saved({ ...s, settings: { ...s.settings, [def.name]: stepSetting(def, s.settings[def.name] ?? def.default, a.by) } });
    }
    case 'run':
      return s.view === 'running' ? s : startRun(s);
    case 'cancel':
      return s.view !== 'running' ? s : withEffects({ ...s, view: 'lab', progress: null }, task({ kind: 'cancel', runId: s.runId }), { type: 'notice', text: 'run cancelled', tone: 'info' });
    case 'edit':
      return s.codeFile ? withEffects(s, { type: 'editor', file: s.codeFile, line: 1 }) : s;
    case 'inspect':
      return s.view === 'results' && s.result?.metrics ? { ...s, inspect: openInspect(s.lab, s.console) } : s;
    case 'inspected':
      return a.lab === s.lab.id && s.inspect ? { ...s, inspect: inspected(s.inspect, a.id, a.answer) } : s;
    case 'leave':
      return withEffects(s, task({ kind: 'release', lab: s.lab.id }));
    case 'closeResults':
      // Back to the section the learner ran from, with the section keys (1–4, Tab) live rather
      // than the console prompt: a digit pressed next switches section instead of being typed.
      return { ...s, view: 'lab', typing: false, completions: [], inspect: null };
    case 'topic':
      return { ...s, topicCursor: clamp(s.topicCursor + a.by, 0, Math.max(0, s.topics.length - 1)) };
    case 'runProgress': {
      if (a.runId !== s.runId || s.view !== 'running') return s;
      const p = a.progress;
      const point = p.iteratorAgeMs ?? p.queueDepth;
      return { ...s, progress: p, spark: point === null ? s.spark : [...s.spark, point].slice(-SPARK_POINTS) };
    }
    case 'runDone': {
      if (a.runId !== s.runId || s.view !== 'running') return s;
      const o = a.outcome;
      if (!o.ok) {
        if ('cancelled' in o) return { ...s, view: 'lab' };
        const problems = o.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`);
        return { ...s, view: 'results', result: null, problems, resultScroll: 0 };
      }
      return { ...s, view: 'results', result: o.result, problems: [], best: a.best, resultScroll: 0, topicCursor: 0 };
    }
    case 'portFailed':
      return withEffects(s.view === 'running' && a.what === 'run' ? { ...s, view: 'lab' } : s, { type: 'notice', text: `${a.what}: ${a.message}`, tone: 'error' });
    case 'listed':
      return s;
  }
}

export function resizeLab(s: LabState, size: TerminalSize): LabState {
  return { ...s, size };
}
