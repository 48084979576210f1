import type { ContentIndex } from '../content/model.js';
import { contentStats } from '../content/stats.js';
import type { Io } from './program.js';

/** What `shardlab` prints instead of the app when there is no terminal to draw it in. */
export function plainHome(index: ContentIndex, help: string, contentDir: string): string {
  const s = contentStats(index, 0);
  return [
    `shardlab: ${s.topics} topics · ${s.cards} cards · ${s.facts} facts · ${s.questions} questions in ${s.files} files (${contentDir})`,
    '',
    help.trimEnd(),
    '',
  ].join('\n');
}

export function browseHint(io: Io): string {
  return io.stdinIsTTY
    ? 'The app needs a terminal on stdout too; run `shardlab` without redirecting its output.'
    : 'The app needs an interactive terminal; run `shardlab` from a terminal to open it.';
}
