// Exam profile lint codes: one fixture per code and the place each diagnostic points at,
// checked against the shipped notes (they cover DEA-C01 domains 1 and 4).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAM_CODES, lintProfiles } from '../../src/exam/lint.js';
import { shippedIndex } from './helpers.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'exam-lint');
const lint = (name: string) => lintProfiles([{ file: name, text: readFileSync(join(dir, name), 'utf8') }], shippedIndex());

const CASES: { code: keyof typeof EXAM_CODES; line: number; column: number; message: RegExp }[] = [
  // The YAML parser notices the unclosed `[` at the end of the text.
  { code: 'X001', line: 4, column: 1, message: /flow sequence|expected|missing/i },
  { code: 'X002', line: 3, column: 15, message: /passingScore/ },
  { code: 'X003', line: 1, column: 1, message: /"sprint" is already used by a built-in profile/ },
  { code: 'X004', line: 5, column: 3, message: /no topic "kinesis-streams"/ },
  { code: 'X005', line: 5, column: 3, message: /no note has domain "Data Store Management"/ },
  { code: 'X006', line: 3, column: 1, message: /add up to 80, not 100/ },
  { code: 'X007', line: 5, column: 3, message: /"kinesis-data-streams" has 95% of the weight/ },
];

describe('exam profile lint codes', () => {
  it.each(CASES)('$code points at line $line, column $column', ({ code, line, column, message }) => {
    const found = lint(`${code}.yaml`);
    const matching = found.filter((d) => d.code === code);
    expect(matching, JSON.stringify(found)).toHaveLength(1);
    expect(matching[0]).toMatchObject({ file: `${code}.yaml`, line, column, severity: EXAM_CODES[code].severity });
    expect(matching[0]!.message).toMatch(message);
    // Each fixture triggers its own code and nothing else.
    expect(found.filter((d) => d.code !== code)).toEqual([]);
  });

  it('a sound profile has nothing to report', () => {
    expect(lint('clean.yaml')).toEqual([]);
  });

  it('every code has a fixture', () => {
    expect(Object.keys(EXAM_CODES).filter((c) => !CASES.some((x) => x.code === c))).toEqual([]);
  });
});
