import type { Diagnostic, Severity } from '../content/model.js';
import { diagnosticFrom } from '../content/diagnostics.js';

// Every code the lab loader and `shardlab lab lint` can emit, in the style of the notes' codes
// (src/content/diagnostics.ts) with an L for labs. Codes are stable: a code is never reused for a
// different meaning. docs/labs.md lists them with an example each.
export const LAB_CODES = {
  L001: { severity: 'error', summary: 'front matter is missing or is not valid YAML' },
  L002: { severity: 'warning', summary: 'unknown front-matter key' },
  L003: { severity: 'error', summary: 'a required front-matter key is missing' },
  L004: { severity: 'error', summary: 'a front-matter value has the wrong type or is not allowed' },
  L005: { severity: 'error', summary: 'a required section (Story, Task) is missing or empty' },
  L006: { severity: 'warning', summary: 'no hints (a Hints section holding a list)' },
  L007: { severity: 'error', summary: 'a required block (scenario, checks) is missing, or a block appears twice' },
  L008: { severity: 'error', summary: 'a block is not valid YAML or does not have the expected shape' },
  L009: { severity: 'error', summary: 'the scenario does not validate' },
  L010: { severity: 'warning', summary: 'the scenario has a warning (something that never happens)' },
  L011: { severity: 'error', summary: 'a setting is malformed (type, label, bounds, options, default)' },
  L012: { severity: 'error', summary: 'a placeholder in the scenario names a setting that is not declared' },
  L013: { severity: 'warning', summary: 'a setting is declared but the scenario never uses it' },
  L014: { severity: 'error', summary: 'a check is malformed (id, points, expect, pass, fail)' },
  L015: { severity: 'error', summary: 'a check expression, or a {{…}} in its texts, does not parse' },
  L016: { severity: 'error', summary: 'a check names a metric the engine does not produce (in a run of the reference solution)' },
  L017: { severity: 'error', summary: 'the starter or the reference solution is missing, or in the wrong language for the solve type' },
  L018: { severity: 'error', summary: 'the starter or the reference solution cannot be applied' },
  L019: { severity: 'error', summary: "the front matter's points differ from the checks' total" },
  L020: { severity: 'warning', summary: 'a topic id is not in the notes' },
  L021: { severity: 'error', summary: 'the reference solution does not score full marks' },
  L022: { severity: 'error', summary: 'the starter passes every check' },
  L023: { severity: 'error', summary: 'the hook block of a code lab is missing or malformed' },
  L024: { severity: 'error', summary: 'two labs have the same id' },
  L025: { severity: 'warning', summary: 'the id differs from the file name' },
  L026: { severity: 'error', summary: 'a check cannot be evaluated on the reference run (wrong type, division by zero…)' },
  L027: { severity: 'warning', summary: "a fenced block's info string names no lab block (a typo?)" },
  L028: { severity: 'error', summary: "a choice option's yaml snippet is not valid YAML, or the scenario does not load with it" },
  L098: { severity: 'error', summary: 'the file could not be read' },
  L099: { severity: 'error', summary: 'internal error while checking the lab (please report it)' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type LabCode = keyof typeof LAB_CODES;

export function labDiagnostic(code: LabCode, file: string, line: number, message: string, column?: number): Diagnostic {
  return diagnosticFrom(LAB_CODES, code, file, line, message, column);
}
