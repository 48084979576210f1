import type { Diagnostic, Severity } from './model.js';

// Every code the loader and linter can emit. Codes are stable: instructors, editors and tests
// match on them, so a code is never reused for a different meaning.
export const DIAGNOSTIC_CODES = {
  E001: { severity: 'error', summary: 'front matter is not valid YAML' },
  W002: { severity: 'warning', summary: 'unknown front-matter key' },
  W003: { severity: 'warning', summary: 'file has no title (front matter `title` or a leading `#` heading)' },
  E004: { severity: 'error', summary: 'front-matter value has the wrong type' },
  E005: { severity: 'error', summary: 'duplicate id (topic, fact, card or question)' },
  E006: { severity: 'error', summary: 'limit value does not parse as a quantity' },
  E007: { severity: 'error', summary: 'limit value is empty' },
  E008: { severity: 'error', summary: "question's answer is not one of its options" },
  E009: { severity: 'error', summary: 'multiple-response question with fewer than two answers' },
  E010: { severity: 'error', summary: 'flashcard with an empty side' },
  E011: { severity: 'error', summary: 'unclosed `==` cloze marker' },
  E012: { severity: 'error', summary: '`question` block is not valid YAML' },
  E013: { severity: 'error', summary: 'relative link to a file that does not exist' },
  E014: { severity: 'error', summary: 'question is missing a stem, options or an answer' },
  W015: { severity: 'warning', summary: 'question has no explanation' },
  W016: { severity: 'warning', summary: 'the same flashcard front appears twice in one file' },
  E017: { severity: 'error', summary: 'file could not be read' },
  W018: { severity: 'warning', summary: 'question says "choose N" but its answer has a different number of options' },
  E019: { severity: 'error', summary: 'question options are malformed (fewer than two, duplicate ids or empty text)' },
  W020: { severity: 'warning', summary: 'limit table row has no limit name' },
  W021: { severity: 'warning', summary: 'image file not found' },
  W022: { severity: 'warning', summary: 'limit row has an empty Source cell' },
  W023: { severity: 'warning', summary: "limit value differs from the engine's limits module (today's AWS value)" },
  E099: { severity: 'error', summary: 'internal error while reading the file (please report it)' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function diagnostic(
  code: DiagnosticCode,
  file: string,
  line: number,
  message: string,
  column?: number,
): Diagnostic {
  return diagnosticFrom(DIAGNOSTIC_CODES, code, file, line, message, column);
}

/** A diagnostic whose severity comes from a code table (the notes' codes, the labs' L codes). */
export function diagnosticFrom<C extends string>(
  codes: Record<C, { severity: Severity }>,
  code: C,
  file: string,
  line: number,
  message: string,
  column?: number,
): Diagnostic {
  const d: Diagnostic = { file, line, severity: codes[code].severity, code, message };
  if (column !== undefined) d.column = column;
  return d;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    (a.column ?? 0) - (b.column ?? 0) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.code.localeCompare(b.code)
  );
}

/** Compiler-style line: `content/kinesis.md:42:3 error E012 message`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.column !== undefined ? `${d.file}:${d.line}:${d.column}` : `${d.file}:${d.line}`;
  return `${where} ${d.severity} ${d.code} ${d.message}`;
}
