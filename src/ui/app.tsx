import { useApp } from 'ink';
import { useEffect, useMemo, useReducer, useRef } from 'react';
import type { ContentIndex } from '../content/model.js';
import { ColorContext } from './components/color-context.js';
import { Frame } from './components/frame.js';
import { HelpOverlay } from './components/help-overlay.js';
import { NoticeContext } from './components/notice-context.js';
import { TooSmall } from './components/too-small.js';
import { useAppKeys } from './hooks/use-app-keys.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { bodyHeight, tooSmall } from './layout.js';
import { createAppReducer, footerHints, helpLines, initAppState, topEntry, type Router } from './router/state.js';
import { firstScreen, screenById } from './screens/registry.js';

/** How long a notice (content reloaded) stays in the footer, unless told otherwise. */
export const defaultNoticeMs = 5000;

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
}

export function App({ router, color, reload, watch, noticeMs = defaultNoticeMs }: AppProps) {
  const size = useTerminalSize();
  const reducer = useMemo(() => createAppReducer(router), [router]);
  const [state, dispatch] = useReducer(reducer, undefined, () => initAppState(router, size, firstScreen));
  const { exit } = useApp();

  // The watcher is subscribed once; it reads the latest `reload` through a ref, never a stale one.
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  const watching = reload !== undefined && watch !== undefined;

  useAppKeys(dispatch);
  useEffect(() => {
    dispatch({ type: 'resize', size });
  }, [size]);
  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);
  useEffect(() => {
    if (!watching || !watch) return undefined;
    return watch(() => {
      const load = reloadRef.current;
      if (!load) return;
      try {
        dispatch({ type: 'reload', index: load() });
      } catch (error) {
        dispatch({ type: 'reloadFailed', message: error instanceof Error ? error.message : String(error) });
      }
    });
  }, [watching, watch]);
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
  const screen = screenById(top.id);
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
