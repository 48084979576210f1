import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { writeFileAtomic } from './atomic.js';
import { appendEntries, readEntries, type JournalRead } from './journal.js';
import { withLock } from './lock.js';
import { cardStateSchema, emptyProgress, progressSchema, reviewSchema, SCHEMA_VERSION, type CardState, type Progress, type Review } from './schema.js';

// Progress on disk: progress.json (the current state, validated, versioned, replaced atomically)
// and append-only journals beside it (reviews.jsonl…). Every change is a read-merge-write under a
// lock, so two running instances never lose each other's updates, and a corrupt file is moved
// aside with a message instead of being silently replaced.

export class StoreError extends Error {}

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/** From version n to n + 1. Empty until the schema first changes; `open` accepts extra ones for tests. */
export const MIGRATIONS: Record<number, Migration> = {};

export interface StoreOptions {
  now: () => number;
  /** One line for the user (a corrupt file set aside). */
  notify?: (message: string) => void;
  migrations?: Record<number, Migration>;
  currentVersion?: number;
}

/** lowdb's adapter interface, backed by validated, atomic, fsync'd writes. */
class ProgressFile {
  constructor(
    private readonly path: string,
    private readonly options: StoreOptions,
  ) {}

  async read(): Promise<Progress> {
    return this.readSync();
  }

  async write(data: Progress): Promise<void> {
    this.writeSync(data);
  }

  readSync(): Progress {
    if (!existsSync(this.path)) return emptyProgress();
    const text = readFileSync(this.path, 'utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.setAside('is not valid JSON');
    }
    const current = this.options.currentVersion ?? SCHEMA_VERSION;
    const version = typeof raw === 'object' && raw !== null ? (raw as { schemaVersion?: unknown }).schemaVersion : undefined;
    if (typeof version === 'number' && version > current) {
      throw new StoreError(`${this.path} was written by a newer shardlab (schema ${version}; this one knows ${current}). Update shardlab; the file was left untouched.`);
    }
    let doc = raw as Record<string, unknown>;
    if (typeof version === 'number' && version < current) {
      const migrations = { ...MIGRATIONS, ...this.options.migrations };
      for (let v = version; v < current; v++) {
        const step = migrations[v];
        if (!step) return this.setAside(`has schema ${version} and no migration from ${v}`);
        doc = { ...step(doc), schemaVersion: v + 1 };
      }
    }
    const parsed = progressSchema.safeParse(doc);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return this.setAside(`does not match the progress schema (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'})`);
    }
    return parsed.data;
  }

  /**
   * Validates and writes `data`. Given `unchangedFrom` (a validated state `data` was copied from),
   * card states that are still the same objects are not validated again: with thousands of cards,
   * validating them all is most of the cost of recording one answer.
   */
  writeSync(data: Progress, unchangedFrom?: Progress): void {
    let valid: Progress;
    if (unchangedFrom) {
      const cards: Record<string, CardState> = {};
      for (const [id, state] of Object.entries(data.cards)) cards[id] = state === unchangedFrom.cards[id] ? state : cardStateSchema.parse(state);
      valid = { ...progressSchema.parse({ ...data, cards: {} }), cards };
    } else valid = progressSchema.parse(data);
    writeFileAtomic(this.path, `${JSON.stringify(valid, null, 1)}\n`);
  }

  /** Never destroy what the user did: keep the bad file under a new name and start fresh. */
  private setAside(reason: string): Progress {
    const stamp = new Date(this.options.now()).toISOString().replace(/[:.]/g, '-');
    const kept = `${this.path}.corrupt-${stamp}`;
    renameSync(this.path, kept);
    this.options.notify?.(`shardlab: progress file ${reason}; kept it as ${kept} and started fresh`);
    return emptyProgress();
  }
}

/** A process killed between writing its temporary file and renaming it leaves the temporary behind. */
function removeDeadTemporaries(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = /^\.progress\.json\.(\d+)\.tmp$/.exec(name)?.[1];
    if (!pid || Number(pid) === process.pid) continue;
    try {
      process.kill(Number(pid), 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(dir, name), { force: true });
    }
  }
}

/** What identifies one version of progress.json: every write renames a new file into place. */
interface FileStamp {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

function stampOf(path: string): FileStamp | undefined {
  try {
    const s = statSync(path);
    return { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs };
  } catch {
    return undefined;
  }
}

function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  return a !== undefined && b !== undefined && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

export class ProgressStore {
  private readonly file: ProgressFile;
  private readonly path: string;
  /** progress.json as this instance last read or wrote it; another instance's write changes it. */
  private known: FileStamp | undefined;
  /** lowdb holds the last state read; every update re-reads under the lock before changing it. */
  readonly db: Low<Progress>;
  private readonly lockPath: string;

  private constructor(
    readonly dir: string,
    private readonly options: StoreOptions,
  ) {
    mkdirSync(dir, { recursive: true });
    this.path = join(dir, 'progress.json');
    this.file = new ProgressFile(this.path, options);
    this.db = new Low<Progress>(this.file, emptyProgress());
    this.lockPath = join(dir, 'progress.lock');
  }

  /** Opens (and if needed migrates or sets aside) the progress in `dir`. Throws StoreError for a newer file. */
  static open(dir: string, options: StoreOptions): ProgressStore {
    const store = new ProgressStore(dir, options);
    store.locked(() => {
      store.db.data = store.file.readSync();
      store.known = stampOf(store.path);
      removeDeadTemporaries(dir);
    });
    return store;
  }

  get data(): Progress {
    return this.db.data;
  }

  /** Re-reads the file (another instance may have written), for screens that show live counts. */
  refresh(): Progress {
    return this.locked(() => {
      this.db.data = this.file.readSync();
      this.known = stampOf(this.path);
      return this.db.data;
    });
  }

  /**
   * Applies `change` to the freshest state on disk and writes it back atomically, all under the
   * lock; journal entries returned by `change` are appended in the same critical section.
   */
  update(change: (doc: Progress) => { journal?: { name: string; entries: unknown[] }[] } | void): Progress {
    return this.locked(() => {
      // When nobody wrote since this instance did, what it holds is what is on disk: reading and
      // validating thousands of cards again would only repeat work. `change` gets a copy either
      // way, so earlier states handed out (the app's snapshots) never change under their holders.
      const unchanged = this.known !== undefined && sameStamp(stampOf(this.path), this.known);
      const base = unchanged ? this.db.data : this.file.readSync();
      const doc: Progress = { ...base, settings: { ...base.settings }, cards: { ...base.cards }, sections: { ...base.sections } };
      const result = change(doc);
      this.file.writeSync(doc, base);
      this.known = stampOf(this.path);
      for (const j of result?.journal ?? []) appendEntries(this.journalPath(j.name), j.entries);
      this.db.data = doc;
      return doc;
    });
  }

  /** Appends to a journal without touching progress.json. */
  append(name: string, entries: unknown[]): void {
    this.locked(() => appendEntries(this.journalPath(name), entries));
  }

  readJournal<T>(name: string, accept: (value: unknown) => T | null): JournalRead<T> {
    return readEntries(this.journalPath(name), accept);
  }

  reviews(): JournalRead<Review> {
    return this.readJournal('reviews', (v) => {
      const r = reviewSchema.safeParse(v);
      return r.success ? r.data : null;
    });
  }

  journalPath(name: string): string {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new StoreError(`bad journal name: ${name}`);
    return join(this.dir, `${name}.jsonl`);
  }

  private locked<T>(fn: () => T): T {
    return withLock(this.lockPath, { now: this.options.now }, fn);
  }
}
