import { useApp, useStdout } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { ContentIndex } from '../content/model.js';
import type { ProgressPort } from '../progress/snapshot.js';
import { ColorContext } from './components/color-context.js';
import { Frame } from './components/frame.js';
import { HelpOverlay } from './components/help-overlay.js';
import { NoticeContext } from './components/notice-context.js';
import { TooSmall } from './components/too-small.js';
import { useAppKeys } from './hooks/use-app-keys.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { bodyHeight, tooSmall } from './layout.js';
import type { EditorOutcome } from './editor.js';
import { type AppAction, type Launch, createAppReducer, footerHints, helpLines, initAppState, topEntry, type Router } from './router/state.js';
import type { AppEffect } from './screens/model.js';
import type { TaskPorts } from './tasks.js';
import type { ScreenDefinition } from './screens/definition.js';
import { firstScreen, screenById } from './screens/registry.js';

/** How long a notice (content reloaded) stays in the footer, unless told otherwise. */
export const defaultNoticeMs = 5000;

/** How often progress is read again while the app sits open: due counts move with the clock. */
export const progressRefreshMs = 60_000;

/** Clears the screen and homes the cursor: the whole frame is drawn again after the editor. */
const clearScreen = '\u001B[2J\u001B[H';

export interface AppProps {
  router: Router;
  /** False under NO_COLOR: no colour codes at all, attributes only. */
  color: boolean;
  /** Loads the notes again; with `watch`, the app shows edits to the notes while it runs. */
  reload?: () => ContentIndex;
  /** Calls back when the notes may have changed; returns the unsubscribe. */
  watch?: (onChange: () => void) => () => void;
  /** How long a notice stays in the footer. */
  noticeMs?: number;
  /** Flashcard progress: answers are recorded through it and screens read snapshots of it. */
  progress?: ProgressPort;
  /** Opens a note at a line in the learner's editor while the app steps aside (the `e` key). */
  openEditor?: (file: string, line: number) => EditorOutcome;
  /** The clock keys are stamped with (answers are timed by it); injected by tests. */
  now?: () => number;
  /** A screen to open above Home at start (`shardlab review`). */
  launch?: Launch;
  /** What runs the screens' `task` effects (labs, exams), by port name. */
  ports?: TaskPorts;
  /** The screens drawn, the first at the bottom; the registry's unless a test brings its own. */
  table?: readonly ScreenDefinition[];
}

export function App({ router, color, reload, watch, noticeMs = defaultNoticeMs, progress, openEditor, now = Date.now, launch, ports, table }: AppProps) {
  const size = useTerminalSize();
  const reducer = useMemo(() => createAppReducer(router), [router]);
  const [state, dispatch] = useReducer(reducer, undefined, () => initAppState(router, size, table?.[0]?.id ?? firstScreen, launch));
  const { exit } = useApp();
  const { write } = useStdout();

  // Callbacks subscribed once (the watcher, timers) read the latest props through refs, never
  // stale ones.
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  const progressRef = useRef(progress);
  progressRef.current = progress;
  const editorRef = useRef(openEditor);
  editorRef.current = openEditor;
  const nowRef = useRef(now);
  nowRef.current = now;
  const portsRef = useRef(ports);
  portsRef.current = ports;
  // Tasks still running (a lab in the engine) are cancelled when the app goes away.
  const running = useRef(new Set<() => void>());
  useEffect(() => {
    const cancels = running.current;
    return () => {
      for (const cancel of cancels) cancel();
      cancels.clear();
    };
  }, []);
  const watching = reload !== undefined && watch !== undefined;

  useAppKeys(dispatch, now);

  const reloadNotes = useCallback(() => {
    const load = reloadRef.current;
    if (!load) return;
    let action: AppAction;
    try {
      const index = load();
      const port = progressRef.current;
      if (port) {
        // Progress follows edited cards before any screen sees the new notes.
        const sync = port.syncCards(index.cards);
        action = { type: 'reload', index, progress: port.snapshot(), renamed: Object.fromEntries(sync.relinked.map((r) => [r.from, r.to])) };
      } else action = { type: 'reload', index };
    } catch (error) {
      action = { type: 'reloadFailed', message: error instanceof Error ? error.message : String(error) };
    }
    dispatch(action);
  }, []);

  const refreshProgress = useCallback(() => {
    const port = progressRef.current;
    if (!port) return;
    try {
      dispatch({ type: 'progress', snapshot: port.snapshot() });
    } catch (error) {
      dispatch({ type: 'notice', text: `progress not read: ${error instanceof Error ? error.message : String(error)}`, tone: 'error' });
    }
  }, []);

  const runTask = useCallback((task: Extract<AppEffect, { type: 'task' }>['task'], screen: string) => {
    const port = portsRef.current?.[task.port];
    if (!port) {
      dispatch({ type: 'notice', text: `${task.port} is not available in this run`, tone: 'error' });
      return;
    }
    let cancel: void | (() => void);
    try {
      cancel = port(task.request, (action) => dispatch({ type: 'deliver', screen, action }));
    } catch (error) {
      dispatch({ type: 'notice', text: `${task.port}: ${error instanceof Error ? error.message : String(error)}`, tone: 'error' });
      return;
    }
    if (typeof cancel === 'function') running.current.add(cancel);
  }, []);

  const runEffect = useCallback(
    (effect: AppEffect, screen: string) => {
      if (effect.type === 'task') runTask(effect.task, screen);
      else if (effect.type === 'progress') {
        try {
          progressRef.current?.apply(effect.write);
        } catch (error) {
          dispatch({ type: 'notice', text: `answer not saved: ${error instanceof Error ? error.message : String(error)}`, tone: 'error' });
        }
      } else if (effect.type === 'editor') {
        const outcome = editorRef.current?.(effect.file, effect.line) ?? { kind: 'missing' };
        if (outcome.kind === 'missing') {
          dispatch({ type: 'notice', text: 'no editor: set $VISUAL or $EDITOR (e.g. export EDITOR=vim) to open cards from here', tone: 'info' });
          return;
        }
        // The editor drew over the screen: Ink must draw the whole frame again, not a difference.
        if (outcome.redraw) write(clearScreen);
        if (outcome.kind === 'failed') dispatch({ type: 'notice', text: outcome.message, tone: 'error' });
        // With a watcher the saved note is picked up like any other edit; without one, now.
        else if (!watching) reloadNotes();
      } else if (effect.type === 'quizAnswer') {
        try {
          const due = progressRef.current?.recordQuizAnswer?.(effect.entry, effect.cards) ?? [];
          if (due.length > 0) dispatch({ type: 'notice', text: `${due.length} flashcard${due.length === 1 ? '' : 's'} on this made due now`, tone: 'info' });
        } catch (error) {
          dispatch({ type: 'notice', text: `answer not saved: ${error instanceof Error ? error.message : String(error)}`, tone: 'error' });
        }
      } else if (effect.type === 'refreshProgress') refreshProgress();
      else dispatch({ type: 'notice', text: effect.text, tone: effect.tone });
    },
    [write, watching, reloadNotes, refreshProgress, runTask],
  );

  // Effects run after the frame is drawn, once each: a key arriving before this runs queues more
  // effects behind the same ones, so the sequence number, not the array, says what is done.
  const ranUpTo = useRef(0);
  useEffect(() => {
    const pending = state.effects.filter((e) => e.seq > ranUpTo.current);
    if (pending.length === 0) return;
    ranUpTo.current = pending[pending.length - 1]!.seq;
    for (const { effect, screen } of pending) runEffect(effect, screen);
    dispatch({ type: 'effectsDone', upTo: ranUpTo.current });
  }, [state.effects, runEffect]);

  // Counts on Home and the deck list are re-read whenever another screen comes up, and every minute.
  const topId = topEntry(state).id;
  // The first screen drew from the snapshot the app was started with; read again only on a change.
  const shownId = useRef(topId);
  useEffect(() => {
    if (shownId.current === topId) return;
    shownId.current = topId;
    refreshProgress();
  }, [topId, refreshProgress]);
  const hasProgress = progress !== undefined;
  useEffect(() => {
    if (!hasProgress) return undefined;
    const timer = setInterval(refreshProgress, progressRefreshMs);
    return () => clearInterval(timer);
  }, [hasProgress, refreshProgress]);

  // A screen waiting for a time (the countdown to the next learning card) is woken then.
  const topModel = router.models[topId];
  const wakeAt = topModel?.wake?.(topEntry(state).state);
  useEffect(() => {
    if (wakeAt === undefined) return undefined;
    const timer = setTimeout(() => dispatch({ type: 'clock', at: nowRef.current() }), Math.max(0, wakeAt - nowRef.current()));
    return () => clearTimeout(timer);
  }, [wakeAt]);
  useEffect(() => {
    dispatch({ type: 'resize', size });
  }, [size]);
  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);
  useEffect(() => {
    if (!watching || !watch) return undefined;
    return watch(reloadNotes);
  }, [watching, watch, reloadNotes]);
  const notice = state.notice;
  useEffect(() => {
    if (!notice) return undefined;
    const timer = setTimeout(() => dispatch({ type: 'clearNotice', seq: notice.seq }), noticeMs);
    return () => clearTimeout(timer);
  }, [notice, noticeMs]);

  // An empty last frame, so nothing of the app is left behind on the terminal after quitting.
  if (state.quit) return null;
  if (tooSmall(state.size)) return <TooSmall size={state.size} />;

  const top = topEntry(state);
  const screen = table ? table.find((s) => s.id === top.id) : screenById(top.id);
  if (!screen) return null;
  const hints = footerHints(router, state);
  const body = state.help.open ? (
    <Frame size={state.size} path={[screen.title, 'Keys']} hints={hints}>
      <HelpOverlay lines={helpLines(router, state)} scroll={state.help.scroll} width={state.size.columns} height={bodyHeight(state.size)} />
    </Frame>
  ) : (
    <screen.View state={top.state} size={state.size} ctx={state.ctx} hints={hints} />
  );
  return (
    <ColorContext.Provider value={color}>
      <NoticeContext.Provider value={notice}>{body}</NoticeContext.Provider>
    </ColorContext.Provider>
  );
}
