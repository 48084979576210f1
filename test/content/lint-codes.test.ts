import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../src/content/diagnostics.js';
import { loadContent, loadFiles } from '../../src/content/loader.js';
import type { Diagnostic } from '../../src/content/model.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'lint');

// One fixture per code, and the exact place the diagnostic must point at.
const CASES: { fixture: string; code: string; line: number; column?: number; file?: string }[] = [
  { fixture: 'E001.md', code: 'E001', line: 4 },
  { fixture: 'W002.md', code: 'W002', line: 3 },
  { fixture: 'W003.txt', code: 'W003', line: 1 },
  { fixture: 'E004.md', code: 'E004', line: 3 },
  { fixture: 'E005', code: 'E005', line: 1, file: 'two.md' },
  { fixture: 'E006.md', code: 'E006', line: 8, column: 16 },
  { fixture: 'E007.md', code: 'E007', line: 7, column: 21 },
  { fixture: 'E008.md', code: 'E008', line: 10 },
  { fixture: 'E009.md', code: 'E009', line: 11 },
  { fixture: 'E010.md', code: 'E010', line: 6 },
  { fixture: 'E011.md', code: 'E011', line: 5, column: 15 },
  // The YAML parser notices the unclosed `[` of line 7 when it reaches line 8.
  { fixture: 'E012.md', code: 'E012', line: 8 },
  { fixture: 'E013.md', code: 'E013', line: 5, column: 5 },
  { fixture: 'E014.md', code: 'E014', line: 5 },
  { fixture: 'W015.md', code: 'W015', line: 5 },
  { fixture: 'W016.md', code: 'W016', line: 7 },
  { fixture: 'W018.md', code: 'W018', line: 12 },
  { fixture: 'E019.md', code: 'E019', line: 7 },
  { fixture: 'W020.md', code: 'W020', line: 7 },
  { fixture: 'W021.md', code: 'W021', line: 7, column: 1 },
];

function diagnosticsFor(fixture: string): Diagnostic[] {
  const path = join(dir, fixture);
  return fixture.includes('.') ? loadFiles([path]).diagnostics : loadContent(path).diagnostics;
}

describe('lint codes', () => {
  it.each(CASES)('$code points at $fixture:$line', ({ fixture, code, line, column, file }) => {
    const found = diagnosticsFor(fixture);
    const matching = found.filter((d) => d.code === code);
    expect(matching, JSON.stringify(found)).toHaveLength(1);
    const d = matching[0]!;
    expect(d.line).toBe(line);
    if (column !== undefined) expect(d.column).toBe(column);
    expect(d.severity).toBe(DIAGNOSTIC_CODES[code as keyof typeof DIAGNOSTIC_CODES].severity);
    if (file) expect(d.file).toBe(file);
    else expect(d.file.endsWith(fixture)).toBe(true);
    // Each fixture is written to trigger its own code and nothing else of severity error.
    const otherErrors = found.filter((x) => x.code !== code && x.severity === 'error');
    expect(otherErrors).toEqual([]);
  });

  it('E017: a binary file is reported, not parsed', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'shardlab-lint-'));
    writeFileSync(join(tmp, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    const found = loadContent(tmp).diagnostics;
    expect(found).toEqual([expect.objectContaining({ code: 'E017', file: 'image.md', line: 1, severity: 'error' })]);
  });

  it('every code in the table has a fixture or a dedicated test', () => {
    // E017 and E099 have tests above and in internal-error.test.ts; W022 and W023 in cross-check.test.ts.
    const covered = new Set([...CASES.map((c) => c.code), 'E017', 'E099', 'W022', 'W023']);
    expect(Object.keys(DIAGNOSTIC_CODES).filter((c) => !covered.has(c))).toEqual([]);
  });
});
