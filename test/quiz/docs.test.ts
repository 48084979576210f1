import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MISCONCEPTIONS } from '../../src/quiz/misconceptions.js';
import { TEMPLATES } from '../../src/quiz/templates/index.js';
import { root } from './helpers.js';

// docs/quiz.md lists every template and every misconception; adding one without documenting it
// fails here.
describe('docs/quiz.md', () => {
  const doc = readFileSync(join(root, 'docs', 'quiz.md'), 'utf8');

  it('has a row for every calc template, with its formula', () => {
    for (const t of TEMPLATES) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${t.id}\` |`));
      expect(row, t.id).toBeDefined();
      expect(row!.replace(/\\\|/g, '|'), t.id).toContain(t.formula);
    }
  });

  it('has a row for every misconception, with its label', () => {
    for (const [id, label] of Object.entries(MISCONCEPTIONS)) expect(doc, id).toContain(`| \`${id}\` | ${label} |`);
  });
});
