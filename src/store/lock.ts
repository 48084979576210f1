import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';

const UNREADABLE_STALE_MS = 2_000;

// A lock file that two running shardlab instances take around every read-merge-write of the
// progress file, so neither loses the other's update. A holder keeps it for milliseconds, so a
// lock whose process is gone, or that is much older than any real holder, is stale and is broken.

export interface LockOptions {
  now: () => number;
  /** Give up after this long (the other instance is stuck, not merely busy). */
  timeoutMs?: number;
  staleMs?: number;
  /** Sleeps without burning the CPU the holder needs; injected so tests need not wait. */
  sleep?: (ms: number) => void;
}

export class LockTimeoutError extends Error {}

const sleepBuffer = new Int32Array(new SharedArrayBuffer(4));
const blockingSleep = (ms: number) => void Atomics.wait(sleepBuffer, 0, 0, ms);

export function withLock<T>(lockPath: string, options: LockOptions, fn: () => T): T {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const sleep = options.sleep ?? blockingSleep;
  const started = options.now();
  let wait = 1;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify({ pid: process.pid, at: options.now() }));
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isStale(lockPath, options.now(), staleMs)) {
        breakLock(lockPath);
        continue;
      }
      if (options.now() - started > timeoutMs) {
        throw new LockTimeoutError(`another shardlab is holding ${lockPath}; if none is running, delete that file`);
      }
      sleep(wait);
      wait = Math.min(wait * 2, 50);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lockPath, { force: true });
  }
}

function isStale(lockPath: string, now: number, staleMs: number): boolean {
  let holder: { pid?: number; at?: number };
  try {
    holder = JSON.parse(readFileSync(lockPath, 'utf8')) as { pid?: number; at?: number };
  } catch {
    // Created but not yet written by its holder, or left empty by a process killed between the
    // two: only its age can tell, and an unreadable lock older than a couple of seconds is stale.
    try {
      return now - statSync(lockPath).mtimeMs > UNREADABLE_STALE_MS;
    } catch {
      return false;
    }
  }
  if (typeof holder.at === 'number' && now - holder.at > staleMs) return true;
  if (typeof holder.pid === 'number' && holder.pid !== process.pid) {
    try {
      process.kill(holder.pid, 0);
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
  return false;
}

/** Renaming first means that of two instances breaking the same stale lock, only one succeeds. */
function breakLock(lockPath: string): void {
  const aside = `${lockPath}.stale-${process.pid}`;
  try {
    renameSync(lockPath, aside);
    rmSync(aside, { force: true });
  } catch {
    // Another instance broke it first.
  }
}
