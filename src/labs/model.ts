import type { Expr, TemplatePart } from './expr/index.js';
import type { HookSpec } from './hooks.js';

// What a lab file becomes (docs/labs.md). Plain data: the app's screens, the CLI and the runner
// all read this, and every part keeps the file line it came from.

export type Difficulty = 'beginner' | 'intermediate' | 'advanced';
export type SolveKind = 'settings' | 'commands' | 'code';
export const DIFFICULTIES: readonly Difficulty[] = ['beginner', 'intermediate', 'advanced'];
export const SOLVE_KINDS: readonly SolveKind[] = ['settings', 'commands', 'code'];

export interface LabSection {
  /** The section's markdown, without its heading and without lab blocks. */
  markdown: string;
  /** File line of the heading. */
  line: number;
}

export interface LabHint {
  /** The list item's markdown. */
  text: string;
  line: number;
}

export type SettingType = 'integer' | 'number' | 'choice' | 'boolean' | 'duration' | 'size';
export type SettingValue = number | string | boolean;

export interface SettingDef {
  name: string;
  type: SettingType;
  label: string;
  help?: string;
  /** Bounds in base units: milliseconds for durations, bytes for sizes. */
  min?: number;
  max?: number;
  /** The choices of a `choice` setting: the values a solution lists and checks read. */
  options?: string[];
  /** Form text for options written as `{value, label}`, by value. */
  optionLabels?: Record<string, string>;
  /**
   * For options written as `{value, yaml}`: the snippet, as one line of flow YAML, that replaces
   * `${settings.NAME}` when the option is chosen (instead of the value's text), and the file line
   * of its `yaml`, by value.
   */
  snippets?: Record<string, { text: string; line: number }>;
  default: SettingValue;
  line: number;
}

/** An expression with where it was written, for diagnostics. */
export interface LabExpression {
  source: string;
  expr: Expr;
  /** File line and 1-based column of the expression's first character. */
  line: number;
  column: number;
  /** The expression sits on one line as written, so a column inside it maps to the file. */
  exact: boolean;
}

export interface LabTemplate {
  source: string;
  parts: TemplatePart[];
  line: number;
  column: number;
  exact: boolean;
}

export interface CheckDef {
  id: string;
  points: number;
  expect: LabExpression;
  /** 0..1: the share of `points` given when `expect` is false. */
  partial?: LabExpression;
  pass: LabTemplate;
  fail: LabTemplate;
  line: number;
}

export type SolutionLanguage = 'yaml' | 'sh' | 'ts' | 'js';

export interface SolutionSource {
  language: SolutionLanguage;
  text: string;
  /** File line of the block's first content line (the line after the fence). */
  line: number;
}

export interface Lab {
  id: string;
  title: string;
  /** The file as given to the loader (relative to the labs folder when loaded from one). */
  file: string;
  services: string[];
  difficulty: Difficulty;
  minutes: number;
  points: number;
  /** Content topic ids worth reading when a check fails. */
  topics: string[];
  solve: SolveKind;
  story: LabSection;
  task: LabSection;
  hints: LabHint[];
  /** The scenario block as written, `${settings.NAME}` placeholders included. */
  scenario: { text: string; line: number };
  settings: SettingDef[];
  checks: CheckDef[];
  starter: SolutionSource;
  solution: SolutionSource;
  /** Code labs: which hook the learner writes and what it is fed. */
  hook?: HookSpec;
}
