import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/program.js';

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  process.env.SHARDLAB_HOME = mkdtempSync(join(tmpdir(), 'shardlab-examcli-'));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const run = (...argv: string[]) => main(argv, { stdinIsTTY: false, stdoutIsTTY: false });

describe('shardlab exam', () => {
  it('--dry-run --json prints the DESIGN §3 shape, the same for the same seed', async () => {
    expect(await run('exam', '--dry-run', '--profile', 'sprint', '--seed', '4', '--json')).toBe(0);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(['profile', 'durationSeconds', 'passingScore', 'questions']);
    expect(doc).toMatchObject({ profile: 'sprint', durationSeconds: 1800, passingScore: 720 });
    expect(doc.questions).toHaveLength(20);
    for (const q of doc.questions) expect(Object.keys(q)).toEqual(['id', 'kind', 'type', 'stem', 'options', 'answer', 'explanation', 'topic', 'sources', 'distractors']);
    const first = out;
    out = '';
    await run('--seed', '4', 'exam', '--dry-run', '--profile', 'sprint', '--json');
    expect(out).toBe(first);
  });

  it('the default profile is DEA-C01', async () => {
    expect(await run('exam', '--dry-run', '--seed', '1', '--json')).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ profile: 'dea-c01', durationSeconds: 7800, passingScore: 720 });
  });

  it('--list-profiles names the built-ins and their coverage', async () => {
    expect(await run('exam', '--list-profiles', '--json')).toBe(0);
    const rows = JSON.parse(out) as { id: string; coverage: string }[];
    expect(rows.map((r) => r.id)).toEqual(['dea-c01', 'das-c01', 'sprint']);
    expect(rows[0]!.coverage).toMatch(/covers only Domains 1 and 4 of 4/);
  });

  it('a bad profile is one line and exit 2; so is a broken custom profile, at file:line', async () => {
    expect(await run('exam', '--dry-run', '--profile', 'nope')).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/no exam profile "nope"/);
    const content = mkdtempSync(join(tmpdir(), 'shardlab-examcontent-'));
    mkdirSync(join(content, 'exams'));
    writeFileSync(join(content, 'note.md'), '---\ntitle: Note\n---\n\n# Note\n');
    writeFileSync(join(content, 'exams', 'bad.yaml'), 'questions: 10\nminutes: -5\n');
    err = '';
    expect(await run('--content', content, 'exam', '--list-profiles')).toBe(2);
    expect(err).toMatch(/bad\.yaml:2:\d+: minutes: /);
  });

  it('--resume without an exam says so', async () => {
    expect(await run('exam', '--resume')).toBe(0);
    expect(out).toBe('no exam in progress\n');
  });
});
