import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAB_CODES } from '../../src/labs/diagnostics.js';
import { FILTERS, FUNCTIONS } from '../../src/labs/expr/index.js';
import { HOOK_CONTRACTS, HOOK_KINDS } from '../../src/labs/hooks.js';

// docs/labs.md is what instructors write labs from: it must keep up with the code.
const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'labs.md'), 'utf8');

describe('docs/labs.md', () => {
  it('lists every lint code with its severity', () => {
    for (const [code, { severity }] of Object.entries(LAB_CODES)) expect(doc, code).toMatch(new RegExp(`\\| ${code} \\| ${severity} \\|`));
  });

  it('lists every function, filter and hook kind with its contract', () => {
    for (const name of Object.keys(FUNCTIONS)) expect(doc, name).toContain(`\`${name}(`);
    for (const name of Object.keys(FILTERS)) expect(doc, name).toContain(`| \`${name}\` |`);
    for (const kind of HOOK_KINDS) {
      expect(doc, kind).toContain(`| \`${kind}\` |`);
      expect(doc, kind).toContain(`export function ${HOOK_CONTRACTS[kind].exportName}(`);
    }
  });
});
