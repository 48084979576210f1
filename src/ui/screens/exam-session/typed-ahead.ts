import { isNav, findBinding } from '../../keys/bindings.js';
import { type AppEffect, type Reduced, unwrap, withEffects } from '../model.js';
import { examSessionKeys } from './keys.js';
import { type ExamSessionAction, type ExamSessionState, examSessionReducer } from './state.js';

// Keys typed before the paper arrived are kept by the reducer (an `early` action); when the
// port's report brings the paper, they are played through the same key table, in order, as if
// pressed on it. This lives beside the reducer rather than in it because it needs the key table,
// which itself is written against the reducer's state.

/** A key's effect on the paper never predates the paper: its time is at least the screen's clock. */
function replay(state: ExamSessionState): { state: ExamSessionState; effects: AppEffect[] } {
  let current: ExamSessionState = { ...state, early: [] };
  const effects: AppEffect[] = [];
  for (const typed of state.early) {
    const k = { ...typed, at: Math.max(typed.at ?? current.now, current.now) };
    const binding = findBinding(examSessionKeys, current, k);
    const action = binding?.action(current, k);
    // Opening another screen is a key's answer only on the report; a key typed ahead never does it.
    if (action === undefined || isNav(action)) continue;
    const step = unwrap(examSessionReducer(current, action));
    current = step.state;
    effects.push(...step.effects);
  }
  return { state: current, effects };
}

/** The session's reducer, playing typed-ahead keys on the paper once it is there. */
export function reduceExamSession(state: ExamSessionState, action: ExamSessionAction): ExamSessionState | Reduced<ExamSessionState> {
  const result = examSessionReducer(state, action);
  const { state: next, effects } = unwrap(result);
  if (next.early.length === 0 || next.phase === 'loading') return result;
  const played = replay(next);
  return withEffects(played.state, ...effects, ...played.effects);
}
