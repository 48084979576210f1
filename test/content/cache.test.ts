import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Count parses through the parser module, so the test sees exactly which files were re-read.
const parsed: string[] = [];
vi.mock('../../src/content/parse-file.js', async (original) => {
  const real = await original<typeof import('../../src/content/parse-file.js')>();
  return { ...real, parseNote: (file: string, text: string) => (parsed.push(file), real.parseNote(file, text)) };
});
const { loadContent } = await import('../../src/content/loader.js');

let dir: string;
let cacheFile: string;
const load = (key = 'k1') => loadContent(dir, { cacheFile, cacheKey: key });

beforeEach(() => {
  parsed.length = 0;
  const base = mkdtempSync(join(tmpdir(), 'shardlab-cache-'));
  dir = join(base, 'notes');
  cacheFile = join(base, 'cache', 'content.json');
  mkdirSync(dir);
  writeFileSync(join(dir, 'a.md'), '---\ntitle: A\n---\n\nFront :: back\n');
  writeFileSync(join(dir, 'b.md'), '---\ntitle: B\n---\n\nRetention is 24 hours.\n');
});
afterEach(() => vi.clearAllMocks());

describe('content cache', () => {
  it('a second load parses nothing and returns the same content', () => {
    const first = load();
    expect(parsed.sort()).toEqual(['a.md', 'b.md']);
    parsed.length = 0;
    const second = load();
    expect(parsed).toEqual([]);
    expect(second.cards).toEqual(first.cards);
    expect(second.mentions).toEqual(first.mentions);
  });

  it('re-parses only a file whose size or time changed, and forgets deleted files', () => {
    load();
    parsed.length = 0;
    writeFileSync(join(dir, 'a.md'), '---\ntitle: A\n---\n\nFront :: a longer back\n');
    rmSync(join(dir, 'b.md'));
    const index = load();
    expect(parsed).toEqual(['a.md']);
    expect(index.cards[0]!.back).toBe('a longer back');
    expect(Object.keys(JSON.parse(readFileSync(cacheFile, 'utf8')).entries)).toEqual(['a.md']);
  });

  it('re-parses a same-size edit whose modification time moved', () => {
    load();
    parsed.length = 0;
    writeFileSync(join(dir, 'a.md'), '---\ntitle: A\n---\n\nFront :: BACK\n');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, 'a.md'), later, later);
    expect(load().cards[0]!.back).toBe('BACK');
    expect(parsed).toEqual(['a.md']);
  });

  it('a new parser (another cache key) and a corrupt cache file both mean a fresh parse', () => {
    load('k1');
    parsed.length = 0;
    load('k2');
    expect(parsed.sort()).toEqual(['a.md', 'b.md']);
    parsed.length = 0;
    writeFileSync(cacheFile, '{"format": 1, "key": "k2", "entries": {"a.md": ');
    expect(load('k2').files).toHaveLength(2);
    expect(parsed.sort()).toEqual(['a.md', 'b.md']);
  });
});
