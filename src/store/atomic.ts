import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

/**
 * Replaces `path` with `text` so that a crash at any moment leaves either the old file or the new
 * one, never a torn mix: write a temporary file in the same folder, flush it to disk, rename.
 * The temporary name carries the process id so two instances never write the same temporary.
 */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
