import type { ContentIndex } from '../../content/model.js';
import type { ProgressSnapshot } from '../../progress/snapshot.js';
import type { Router } from '../router/state.js';
import type { ScreenDefinition } from './definition.js';
import { contentScreen } from './content/index.js';
import { examScreen } from './exam/index.js';
import { examHistoryScreen } from './exam-history/index.js';
import { examSessionScreen } from './exam-session/index.js';
import { homeScreen } from './home/index.js';
import { labScreen } from './lab/index.js';
import { labsScreen } from './labs/index.js';
import { practiceScreen } from './practice/index.js';
import { progressScreen } from './progress/index.js';
import { reviewScreen } from './review/index.js';
import { studyScreen } from './study/index.js';

/**
 * Every screen of the app. Adding one means a folder under screens/ with its model, keys and view,
 * and a row here; Home's menu lists the rows marked `menu`, in this order.
 */
export const screens: readonly ScreenDefinition[] = [homeScreen, studyScreen, reviewScreen, progressScreen, contentScreen, practiceScreen, examScreen, examSessionScreen, examHistoryScreen, labsScreen, labScreen];

export const firstScreen = homeScreen.id;

export function screenById(id: string): ScreenDefinition | undefined {
  return screens.find((s) => s.id === id);
}

export function createRouter(index: ContentIndex, version: string, table: readonly ScreenDefinition[] = screens, progress?: ProgressSnapshot): Router {
  return {
    models: Object.fromEntries(table.map((s) => [s.id, s.model])),
    ctx: {
      index,
      version,
      menu: table.filter((s) => s.menu).map(({ id, title, description, badge }) => ({ id, title, description, ...(badge ? { badge } : {}) })),
      ...(progress ? { progress } : {}),
    },
  };
}
