import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/loader.js';
import { parseNote } from '../../src/content/parse-file.js';

// Fragments that exercise every construct the parser knows, glued together at random so the
// parser meets half-finished tables, fences that never close, stray markers and odd unicode.
const FRAGMENTS = [
  '---', 'title: x', 'id: a', 'tags: [a, b', ': : :', '# Heading', '## Sub', '###### Deep', '#########', 'banner',
  '| Limit | Value |', '|---|---|', '| a | 1 MiB/s |', '| b | |', '| | 5 calls/s |', '| Feature | A | B |', '| x | y |',
  'front :: back', 'a ::: b', '::', ':::', '?', '??', '==cloze==', '==open', '====', '```question', '```', 'stem: x',
  'options: [a, b]', 'answer: [z]', 'options:', '  a: yes', '- item', '  - nested 10,000 records', '1. first',
  '> quote 5 s', '[link](missing.md)', '![img](x.png)', '<!-- START doctoc -->', '<!-- END doctoc -->',
  '**Table of Contents**', '- [A](#a)', '1 MiB/s or 1,000 records/s', '~70 ms', '1–128 MiB', '\t', '', ' ',
  '\u0000', '\uFEFF', '\r\n', 'é', '🦀', '\u202E', 'arn:aws:iam::123:role/x', '`code :: here`', '    indented code',
];

const markdownish = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })), { maxLength: 60 })
  .chain((parts) => fc.array(fc.constantFrom('\n', ' ', '\n\n', ''), { minLength: parts.length, maxLength: parts.length }).map((seps) => parts.map((p, i) => p + seps[i]).join('')));

describe('the loader never throws', () => {
  it('on random markdown-like text, and no parser stage fails internally (no E099)', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const content = parseNote('random.md', text);
        expect(content.diagnostics.filter((d) => d.code === 'E099')).toEqual([]);
        for (const d of content.diagnostics) expect(d.line).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  it('on arbitrary unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const content = parseNote('random.txt', text);
        expect(content.diagnostics.filter((d) => d.code === 'E099')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('on random bytes written as note files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shardlab-bytes-'));
    try {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 600 }), fc.constantFrom('md', 'txt', 'markdown'), (bytes, ext) => {
          writeFileSync(join(dir, `note.${ext}`), bytes);
          const index = loadContent(dir);
          expect(index.files).toHaveLength(1);
          expect(index.diagnostics.filter((d) => d.code === 'E099')).toEqual([]);
          rmSync(join(dir, `note.${ext}`));
        }),
        { numRuns: 150 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
