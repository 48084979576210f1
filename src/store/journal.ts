import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';

// Append-only logs (reviews, quiz answers) as JSON lines, each ending in a short checksum. An
// append is one write of one line, so a crash leaves at most a torn last line, which reading
// skips; every line that was fully written (acknowledged) is read back. Appending costs the same
// with 50 entries or 50,000, unlike rewriting a whole JSON file.

function checksum(json: string): string {
  return createHash('sha1').update(json).digest('hex').slice(0, 8);
}

export function appendEntries(path: string, entries: readonly unknown[]): void {
  if (entries.length === 0) return;
  const text = entries
    .map((e) => {
      const json = JSON.stringify(e);
      return `${json}\t${checksum(json)}\n`;
    })
    .join('');
  const fd = openSync(path, 'a+', 0o600);
  try {
    // After a crash mid-append the file may end in a torn line; start on a fresh line so the torn
    // one stays the only casualty instead of swallowing this entry too.
    const { size } = fstatSync(fd);
    const last = Buffer.alloc(1);
    const torn = size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
    writeSync(fd, torn ? `\n${text}` : text);
  } finally {
    closeSync(fd);
  }
}

export interface JournalRead<T> {
  entries: T[];
  /** Lines that were torn or altered; reported, never fatal. */
  skipped: number;
}

export function readEntries<T>(path: string, accept: (value: unknown) => T | null): JournalRead<T> {
  if (!existsSync(path)) return { entries: [], skipped: 0 };
  return parseLines(readFileSync(path, 'utf8'), accept);
}

export interface JournalTail<T> extends JournalRead<T> {
  /** Where the next read starts: just past the last complete line. */
  offset: number;
  /** The file is shorter than `offset` (replaced or cut): what was read before no longer holds. */
  reset: boolean;
}

/**
 * The complete lines written since byte `offset`, so a long-running app can follow a journal
 * that another instance appends to without reading 50,000 entries again. A torn last line is
 * left for later: if it is completed it is read then, and if it was a crash it is skipped then.
 */
export function readEntriesFrom<T>(path: string, offset: number, accept: (value: unknown) => T | null): JournalTail<T> {
  if (!existsSync(path)) return { entries: [], skipped: 0, offset: 0, reset: offset > 0 };
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    const reset = size < offset;
    const from = reset ? 0 : offset;
    if (size === from) return { entries: [], skipped: 0, offset: from, reset };
    const buffer = Buffer.alloc(size - from);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, from + read);
      if (n === 0) break;
      read += n;
    }
    const end = buffer.lastIndexOf(0x0a, read - 1);
    if (end === -1) return { entries: [], skipped: 0, offset: from, reset };
    return { ...parseLines(buffer.toString('utf8', 0, end + 1), accept), offset: from + end + 1, reset };
  } finally {
    closeSync(fd);
  }
}

function parseLines<T>(text: string, accept: (value: unknown) => T | null): JournalRead<T> {
  const entries: T[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (!line) continue;
    const tab = line.lastIndexOf('\t');
    const json = tab === -1 ? '' : line.slice(0, tab);
    if (tab === -1 || checksum(json) !== line.slice(tab + 1)) {
      skipped++;
      continue;
    }
    try {
      const value = accept(JSON.parse(json));
      if (value === null) skipped++;
      else entries.push(value);
    } catch {
      skipped++;
    }
  }
  return { entries, skipped };
}
