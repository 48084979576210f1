import { useApp } from 'ink';
import { useEffect, useMemo, useReducer } from 'react';
import { ColorContext } from './components/color-context.js';
import { Frame } from './components/frame.js';
import { HelpOverlay } from './components/help-overlay.js';
import { TooSmall } from './components/too-small.js';
import { useAppKeys } from './hooks/use-app-keys.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { bodyHeight, tooSmall } from './layout.js';
import { createAppReducer, footerHints, helpLines, initAppState, topEntry, type Router } from './router/state.js';
import { firstScreen, screenById } from './screens/registry.js';

export interface AppProps {
  router: Router;
  /** False under NO_COLOR: no colour codes at all, attributes only. */
  color: boolean;
}

export function App({ router, color }: AppProps) {
  const size = useTerminalSize();
  const reducer = useMemo(() => createAppReducer(router), [router]);
  const [state, dispatch] = useReducer(reducer, undefined, () => initAppState(router, size, firstScreen));
  const { exit } = useApp();

  useAppKeys(dispatch);
  useEffect(() => {
    dispatch({ type: 'resize', size });
  }, [size]);
  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);

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
    <screen.View state={top.state} size={state.size} ctx={router.ctx} hints={hints} />
  );
  return <ColorContext.Provider value={color}>{body}</ColorContext.Provider>;
}
