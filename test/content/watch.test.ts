import { appendFileSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mayConcernNotes, noteSnapshot, watchContent } from '../../src/content/watch.js';
import { tick, waitFor } from '../ui/helpers.js';

let dir = '';
const stops: (() => void)[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shardlab-watch-'));
  writeFileSync(join(dir, 'kinesis.md'), '# Kinesis\n\n| Limit | Value |\n|---|---|\n| Record size | 1 MiB |\n');
});

afterEach(() => {
  while (stops.length > 0) stops.pop()!();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a watcher that counts its calls and notes when they came. */
function start(options: Parameters<typeof watchContent>[2] = {}, root = dir) {
  const calls: number[] = [];
  const stop = watchContent(root, () => calls.push(Date.now()), options);
  stops.push(stop);
  return { calls, stop };
}

/** Long enough for a wrongly sent event or a second callback to have arrived. */
const settle = (ms: number) => tick(ms);

describe('mayConcernNotes', () => {
  it('lets note files and possible folders through, and nothing hidden, skipped or of another kind', () => {
    expect(mayConcernNotes('kinesis.md')).toBe(true);
    expect(mayConcernNotes('aws/sqs.markdown')).toBe(true);
    expect(mayConcernNotes('notes.TXT')).toBe(true);
    expect(mayConcernNotes('aws')).toBe(true);
    expect(mayConcernNotes(null)).toBe(true);
    expect(mayConcernNotes('kinesis.md.swp')).toBe(false);
    expect(mayConcernNotes('.kinesis.md.swp')).toBe(false);
    expect(mayConcernNotes('.#kinesis.md')).toBe(false);
    expect(mayConcernNotes('kinesis.md~')).toBe(false);
    expect(mayConcernNotes('cache/content-1.json')).toBe(false);
    expect(mayConcernNotes('.git/index')).toBe(false);
    expect(mayConcernNotes('node_modules/pkg/README.md')).toBe(false);
    expect(mayConcernNotes('drafts/.hidden/a.md')).toBe(false);
  });
});

describe('noteSnapshot', () => {
  it('changes when a note is edited, added or removed, and not for other files', () => {
    const before = noteSnapshot(dir);
    writeFileSync(join(dir, 'data.json'), '{}');
    expect(noteSnapshot(dir)).toBe(before);
    appendFileSync(join(dir, 'kinesis.md'), 'more\n');
    const edited = noteSnapshot(dir);
    expect(edited).not.toBe(before);
    writeFileSync(join(dir, 'sqs.md'), '# SQS\n');
    expect(noteSnapshot(dir)).not.toBe(edited);
    unlinkSync(join(dir, 'sqs.md'));
    expect(noteSnapshot(dir)).toBe(edited);
    expect(noteSnapshot(join(dir, 'missing'))).toBe('');
  });
});

describe('watchContent with fs.watch', () => {
  // A poll interval no test waits out: whatever is noticed here, fs.watch noticed.
  const noPolling = { pollMs: 600_000 };

  it('calls back once, after the debounce, for a save made of several writes', async () => {
    const { calls } = start({ ...noPolling, debounceMs: 120 });
    const file = join(dir, 'kinesis.md');
    writeFileSync(file, '# Kinesis\n');
    appendFileSync(file, '\n| Limit | Value |\n|---|---|\n');
    const lastWrite = Date.now();
    appendFileSync(file, '| Shard write | 1 MiB/s |\n');
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]! - lastWrite).toBeGreaterThanOrEqual(100);
    await settle(400);
    expect(calls).toHaveLength(1);
  });

  it('notices new notes in new folders, and deleted ones', async () => {
    const { calls } = start({ ...noPolling, debounceMs: 30 });
    mkdirSync(join(dir, 'aws'));
    writeFileSync(join(dir, 'aws', 'sqs.md'), '# SQS\n');
    await waitFor(() => expect(calls).toHaveLength(1));
    unlinkSync(join(dir, 'aws', 'sqs.md'));
    await waitFor(() => expect(calls).toHaveLength(2));
  });

  it('ignores files that are not notes, and hidden or skipped folders', async () => {
    const { calls } = start({ ...noPolling, debounceMs: 30 });
    writeFileSync(join(dir, 'data.json'), '{}');
    writeFileSync(join(dir, '.kinesis.md.swp'), 'swap');
    writeFileSync(join(dir, 'kinesis.md~'), 'backup');
    mkdirSync(join(dir, '.obsidian'));
    writeFileSync(join(dir, '.obsidian', 'workspace.md'), 'x');
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'node_modules', 'readme.md'), 'x');
    await settle(300);
    expect(calls).toHaveLength(0);
    // Still listening: the next real edit is reported.
    appendFileSync(join(dir, 'kinesis.md'), 'more\n');
    await waitFor(() => expect(calls).toHaveLength(1));
  });

  it('stops when unsubscribed, including a callback still waiting out its debounce', async () => {
    const { calls, stop } = start({ ...noPolling, debounceMs: 100 });
    appendFileSync(join(dir, 'kinesis.md'), 'more\n');
    await tick(20);
    stop();
    stop();
    appendFileSync(join(dir, 'kinesis.md'), 'and more\n');
    await settle(400);
    expect(calls).toHaveLength(0);
  });
});

describe('watchContent polling', () => {
  it('polls sizes and modification times when told to', async () => {
    const { calls, stop } = start({ usePolling: true, pollMs: 40, debounceMs: 20 });
    appendFileSync(join(dir, 'kinesis.md'), 'more\n');
    await waitFor(() => expect(calls).toHaveLength(1));
    writeFileSync(join(dir, 'data.json'), '{}');
    mkdirSync(join(dir, 'aws'));
    writeFileSync(join(dir, 'aws', 'sqs.md'), '# SQS\n');
    await waitFor(() => expect(calls).toHaveLength(2));
    stop();
    unlinkSync(join(dir, 'aws', 'sqs.md'));
    await settle(300);
    expect(calls).toHaveLength(2);
  });

  it('falls back to polling when fs.watch cannot start, and sees the folder appear', async () => {
    const root = join(dir, 'later');
    // fs.watch throws for a missing folder; the poller notices when notes arrive.
    const { calls } = start({ pollMs: 40, debounceMs: 20 }, root);
    mkdirSync(root);
    writeFileSync(join(root, 'firehose.md'), '# Firehose\n');
    await waitFor(() => expect(calls).toHaveLength(1));
  });
});
