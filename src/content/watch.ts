import { type FSWatcher, statSync, watch } from 'node:fs';
import { join } from 'node:path';
import { NOTE_EXTENSIONS, isSkippedName, listNoteFiles } from './loader.js';

// Tells the running app that notes changed on disk, so an instructor can edit in one pane and see
// the result in another. fs.watch only says that something may have changed; the size and
// modification time of every note file decide whether anything did, so editor swap files and
// backups produce no callback, and the burst of events of one save produces exactly one.

export interface WatchOptions {
  /** Quiet time after the last event before `onChange` runs: editors save in several steps. Default 150. */
  debounceMs?: number;
  /** How often to look when polling. Default 1000. */
  pollMs?: number;
  /** Poll even where fs.watch works (network file systems, containers with bind mounts, tests). */
  usePolling?: boolean;
}

/** Size and modification time of every note file under `root`: equal snapshots mean nothing changed. */
export function noteSnapshot(root: string): string {
  return listNoteFiles(root)
    .map((file) => {
      try {
        const stat = statSync(join(root, file));
        return `${file}\t${stat.size}\t${stat.mtimeMs}`;
      } catch {
        // Deleted between listing and stat: the next look will not list it.
        return `${file}\t-`;
      }
    })
    .join('\n');
}

const extension = /\.[^./\\]+$/;

/**
 * Whether an fs.watch event may concern a note. Paths through hidden or skipped folders never do,
 * nor do files with another extension (`.swp`, `.json`, `~` backups). A name without an extension
 * may be a folder that was moved or deleted with notes in it, so it is checked.
 */
export function mayConcernNotes(name: string | null): boolean {
  if (name === null) return true;
  const parts = name.split(/[\\/]/).filter((p) => p !== '');
  if (parts.some(isSkippedName)) return false;
  const last = parts[parts.length - 1] ?? '';
  if (last.endsWith('~')) return false;
  return NOTE_EXTENSIONS.test(last) || !extension.test(last);
}

/**
 * Calls `onChange` (once per burst of edits, `debounceMs` after the last) whenever a note file under
 * `root` is added, removed or modified. Uses a recursive fs.watch, and polls every `pollMs` where
 * that is not available or fails. Returns the unsubscribe function, which must be called: a
 * recursive watcher keeps the process alive on Linux even when unref'd.
 */
export function watchContent(root: string, onChange: () => void, options: WatchOptions = {}): () => void {
  const debounceMs = options.debounceMs ?? 150;
  const pollMs = options.pollMs ?? 1000;
  let last = noteSnapshot(root);
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let poller: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;

  const check = () => {
    timer = undefined;
    if (closed) return;
    const now = noteSnapshot(root);
    if (now === last) return;
    last = now;
    onChange();
  };
  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, debounceMs);
  };
  const startPolling = () => {
    if (closed || poller) return;
    poller = setInterval(() => {
      // A change seen here still waits out the debounce, so a save in progress is read once, whole.
      if (!timer && noteSnapshot(root) !== last) schedule();
    }, pollMs);
  };

  if (!options.usePolling) {
    try {
      watcher = watch(root, { recursive: true }, (_event, name) => {
        if (mayConcernNotes(name)) schedule();
      });
      watcher.on('error', () => {
        // The folder went away or the watch broke: keep noticing changes the slow way.
        watcher?.close();
        watcher = undefined;
        startPolling();
        schedule();
      });
    } catch {
      // No recursive watching here (or no folder yet): polling also notices the folder appearing.
      watcher = undefined;
    }
  }
  if (!watcher) startPolling();

  return () => {
    if (closed) return;
    closed = true;
    if (timer) clearTimeout(timer);
    if (poller) clearInterval(poller);
    watcher?.close();
  };
}
