import { contentChanges } from '../../content/changes.js';
import type { ContentIndex } from '../../content/model.js';

export interface Notice {
  text: string;
  /** `error` when the new content has errors, or could not be loaded. */
  tone: 'info' | 'error';
  seq: number;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * What a reload changed, for the footer: `reloaded kinesis.md · 1 error`, `reloaded 3 files`.
 * Problems are counted in the files that changed, which is what the instructor just edited.
 */
export function reloadNotice(before: ContentIndex, after: ContentIndex): Omit<Notice, 'seq'> {
  const { added, removed, modified } = contentChanges(before, after);
  const touched = [...added, ...modified];
  const count = touched.length + removed.length;
  if (count === 0) return { text: 'notes reloaded, nothing changed', tone: 'info' };
  const only = count === 1 ? (touched[0] ?? removed[0]!) : undefined;
  const what = only === undefined ? plural(count, 'file') : removed.length === 1 ? `${only} (removed)` : only;
  const inTouched = after.diagnostics.filter((d) => touched.includes(d.file));
  const errors = inTouched.filter((d) => d.severity === 'error').length;
  const warnings = inTouched.filter((d) => d.severity === 'warning').length;
  const problems = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean);
  return { text: [`reloaded ${what}`, ...problems].join(' · '), tone: errors > 0 ? 'error' : 'info' };
}
