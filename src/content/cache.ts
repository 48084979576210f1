import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FileContent } from './model.js';

// What a file yielded last time, keyed by its path, size and modification time: a second start
// reads one JSON file and a stat per note instead of parsing every note again.

const FORMAT = 1;

interface CacheEntry {
  mtimeMs: number;
  size: number;
  content: FileContent;
}

interface CacheDocument {
  format: number;
  key: string;
  entries: Record<string, CacheEntry>;
}

export class ContentCache {
  private entries: Record<string, CacheEntry> = {};
  private dirty = false;

  private constructor(
    private readonly path: string | null,
    private readonly key: string,
  ) {}

  /** `key` changes whenever the parser may produce different output (e.g. a new build). */
  static open(path: string | null, key: string): ContentCache {
    const cache = new ContentCache(path, key);
    if (!path) return cache;
    try {
      const doc = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheDocument>;
      if (doc.format === FORMAT && doc.key === key && doc.entries && typeof doc.entries === 'object') cache.entries = doc.entries;
    } catch {
      // Missing or unreadable cache: it only saves time, so start empty.
    }
    return cache;
  }

  get(file: string, mtimeMs: number, size: number): FileContent | undefined {
    const entry = this.entries[file];
    return entry && entry.mtimeMs === mtimeMs && entry.size === size ? entry.content : undefined;
  }

  set(file: string, mtimeMs: number, size: number, content: FileContent): void {
    this.entries[file] = { mtimeMs, size, content };
    this.dirty = true;
  }

  /** Drops entries for files that no longer exist, so the cache does not grow forever. */
  retainOnly(files: Set<string>): void {
    for (const file of Object.keys(this.entries)) {
      if (!files.has(file)) {
        delete this.entries[file];
        this.dirty = true;
      }
    }
  }

  save(): void {
    if (!this.path || !this.dirty) return;
    const doc: CacheDocument = { format: FORMAT, key: this.key, entries: this.entries };
    const tmp = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(tmp, JSON.stringify(doc));
      renameSync(tmp, this.path);
      this.dirty = false;
    } catch {
      // A read-only data dir costs speed, not correctness.
    }
  }
}
