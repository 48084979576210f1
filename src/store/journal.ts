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
  const entries: T[] = [];
  let skipped = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
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
