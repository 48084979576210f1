// The shapes that notes become. Everything downstream (quiz, srs, exam, ui, cli) reads these,
// so they stay plain data: serialisable, no classes, no functions.

/** Where an item was written. `file` is relative to the content root, with forward slashes. */
export interface SourceRef {
  file: string;
  line: number;
  column?: number;
}

/** Base dimensions every quantity is normalised to (DESIGN §3). */
export type Dimension = 'bytes' | 'bytes/s' | 'count' | 'count/s' | 's';

export interface Quantity {
  /** The number as written, after thousands separators and multipliers (`10,000` → 10000). */
  amount: number;
  /** The unit as written, normalised to its canonical spelling (`MiB/s`, `records/s`, `h`). */
  unit: string;
  base: { amount: number; dimension: Dimension };
  /** Written with `~`, `≈`, `about`, `around`, `approximately`. */
  approx?: boolean;
  /**
   * An SI byte unit (KB, MB, GB…) that AWS pages often use for the binary one. Parsed as decimal;
   * comparisons that must tolerate AWS's loose wording can check this flag.
   */
  ambiguous?: boolean;
  /** The counted noun for count dimensions (`records`, `calls`, `messages`). */
  noun?: string;
  /** Character offsets of the whole quantity in the text it was found in. */
  start: number;
  end: number;
  /** The text exactly as written. */
  text: string;
}

/**
 * How the quantities in one value relate: a single value, an inclusive range (`1–128 MiB`), or
 * alternatives that all hold (`1 MiB/s or 1,000 records/s`: whichever is reached first).
 */
export type ValueForm = 'single' | 'range' | 'alternatives';

export interface ParsedValue {
  form: ValueForm;
  quantities: Quantity[];
}

export interface Topic {
  /** Stable id: the file's `id` (or path slug), then `/heading-slug` for each heading level. */
  id: string;
  title: string;
  file: string;
  line: number;
  /** Heading depth: 0 for the file topic, 1–6 for headings below it. */
  depth: number;
  parent?: string;
  children: Topic[];
  /** Markdown body of this topic alone (up to its first sub-heading), for the reading pane. */
  body: string;
  /** Line in `file` where `body` starts. */
  bodyLine: number;
}

export type CardKind = 'basic' | 'reversed' | 'multiline' | 'cloze';

export interface Card {
  id: string;
  /** Id of the innermost topic the card was written under. */
  topic: string;
  front: string;
  back: string;
  kind: CardKind;
  source: SourceRef;
}

export interface Fact {
  id: string;
  topic: string;
  /** The `Limit` cell. */
  name: string;
  /** The `Value` cell as written. */
  text: string;
  form: ValueForm;
  values: Quantity[];
  scope?: string;
  default?: string;
  notes?: string;
  since?: string;
  sourceUrl?: string;
  source: SourceRef;
}

export interface ComparisonTable {
  id: string;
  topic: string;
  /** Header of the first column (the feature column), e.g. `Feature`. */
  featureHeader: string;
  /** The options compared, from the header row. */
  options: string[];
  rows: { feature: string; cells: string[]; line: number }[];
  source: SourceRef;
}

export interface QuestionOption {
  id: string;
  text: string;
}

export interface AuthoredQuestion {
  id: string;
  topic: string;
  stem: string;
  options: QuestionOption[];
  answer: string[];
  type: 'single' | 'multiple';
  explanation: string;
  difficulty?: string;
  tags: string[];
  source: SourceRef;
}

/** A quantity written inside prose: raw material for numeric cloze questions. */
export interface Mention {
  id: string;
  topic: string;
  /** The sentence that holds the quantity. */
  sentence: string;
  quantity: Quantity;
  source: SourceRef;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  file: string;
  line: number;
  column?: number;
  severity: Severity;
  code: string;
  message: string;
}

export interface FrontMatter {
  id?: string;
  title?: string;
  domain?: string;
  exams?: string[];
  tags?: string[];
  sources?: string[];
  verified?: string;
}

/** Everything one file yields. Cached per file, keyed by its content hash. */
export interface FileContent {
  file: string;
  frontMatter: FrontMatter;
  topic: Topic;
  cards: Card[];
  facts: Fact[];
  comparisons: ComparisonTable[];
  questions: AuthoredQuestion[];
  mentions: Mention[];
  /** Relative links to other files, checked once the whole folder is known. */
  links: { target: string; line: number; column: number; image: boolean }[];
  diagnostics: Diagnostic[];
}

/** The whole content folder. */
export interface ContentIndex {
  root: string;
  files: FileContent[];
  /** File topics in path order, each with its heading subtree. */
  topics: Topic[];
  cards: Card[];
  facts: Fact[];
  comparisons: ComparisonTable[];
  questions: AuthoredQuestion[];
  mentions: Mention[];
  diagnostics: Diagnostic[];
}
