import type { ComponentType } from 'react';
import type { Hint } from '../keys/bindings.js';
import type { TerminalSize } from '../layout.js';
import { type AnyScreenModel, type MenuEntry, type ScreenContext, type ScreenModel, eraseModel } from './model.js';

export interface ScreenViewProps<S> {
  state: S;
  size: TerminalSize;
  ctx: ScreenContext;
  /** What the keys do right now, from the key tables. */
  hints: readonly Hint[];
}

/** One row of the screen table: everything the app needs to list, open and draw a screen. */
export interface ScreenDefinition extends MenuEntry {
  /** Listed in Home's menu. */
  menu: boolean;
  model: AnyScreenModel;
  View: ComponentType<ScreenViewProps<unknown>>;
}

/** Builds a table row, checking that the model and the view agree on the state type. */
export function defineScreen<S, A>(
  entry: MenuEntry & { menu: boolean; model: ScreenModel<S, A>; View: ComponentType<ScreenViewProps<S>> },
): ScreenDefinition {
  return { ...entry, model: eraseModel(entry.model), View: entry.View as ComponentType<ScreenViewProps<unknown>> };
}
