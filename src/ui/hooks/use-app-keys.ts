import { useInput, useStdin } from 'ink';
import { type Dispatch, useCallback } from 'react';
import { toKeyPresses } from '../keys/keypress.js';
import type { AppAction } from '../router/state.js';

/**
 * The app's one input hook. It only translates and dispatches: what a key means is decided in the
 * reducer against the current state, so a burst of keys in one chunk is handled key by key and no
 * handler ever reads a stale render's state.
 */
export function useAppKeys(dispatch: Dispatch<AppAction>, now: () => number = Date.now): void {
  const { isRawModeSupported } = useStdin();
  const onInput = useCallback(
    (input: string, key: Parameters<typeof toKeyPresses>[1]) => {
      // Stamped on arrival: how long an answer took is measured from here, not from when it is reduced.
      const at = now();
      for (const press of toKeyPresses(input, key)) dispatch({ type: 'key', key: { ...press, at } });
    },
    [dispatch, now],
  );
  useInput(onInput, { isActive: isRawModeSupported === true });
}
