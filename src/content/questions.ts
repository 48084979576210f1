import { parse as parseYaml, YAMLParseError } from 'yaml';
import { diagnostic } from './diagnostics.js';
import type { AuthoredQuestion, Diagnostic, QuestionOption, Topic } from './model.js';
import { shortHash } from './text.js';

const OPTION_LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const CHOOSE_N = /\b(?:choose|select|pick)\s+(two|three|four|five|2|3|4|5)\b/i;
const NUMBER_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5 };

export interface QuestionScanInput {
  file: string;
  fileId: string;
  /** The fenced block's YAML. */
  yaml: string;
  /** File line of the opening fence. */
  fenceLine: number;
  topic: Topic;
}

export interface QuestionScanResult {
  /** Absent when the block has an error: a broken question is never shown to a learner. */
  question?: AuthoredQuestion;
  diagnostics: Diagnostic[];
}

export function scanQuestion(input: QuestionScanInput): QuestionScanResult {
  const diagnostics: Diagnostic[] = [];
  const fail = (code: Parameters<typeof diagnostic>[0], message: string, line = input.fenceLine, column?: number) => {
    diagnostics.push(diagnostic(code, input.file, line, message, column));
  };

  let doc: unknown;
  try {
    doc = parseYaml(input.yaml);
  } catch (error) {
    const pos = error instanceof YAMLParseError ? error.linePos?.[0] : undefined;
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    fail('E012', `question block is not valid YAML: ${message}`, pos ? input.fenceLine + pos.line : input.fenceLine, pos?.col);
    return { diagnostics };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    fail('E012', 'question block must be a YAML mapping with stem, options, answer and explanation');
    return { diagnostics };
  }
  const q = doc as Record<string, unknown>;
  const lineOfKey = (key: string) => {
    const i = input.yaml.split('\n').findIndex((l) => l.startsWith(`${key}:`));
    return i === -1 ? input.fenceLine : input.fenceLine + 1 + i;
  };

  const stem = typeof q.stem === 'string' ? q.stem.trim() : '';
  const options = readOptions(q.options);
  const answer = readAnswer(q.answer);
  if (!stem) fail('E014', 'question has no `stem`', lineOfKey('stem'));
  if (!options) fail('E014', 'question has no `options` (a mapping like `a: …` or a list)', lineOfKey('options'));
  if (!answer) fail('E014', 'question has no `answer` (an option id, or a list of ids)', lineOfKey('answer'));
  if (!stem || !options || !answer) return { diagnostics };

  const ids = options.map((o) => o.id);
  if (options.length < 2 || new Set(ids).size !== ids.length || options.some((o) => !o.text)) {
    fail('E019', `question options must be at least two, with distinct ids and non-empty text (got ${ids.join(', ') || 'none'})`, lineOfKey('options'));
  }
  for (const a of answer) {
    if (!ids.includes(a)) fail('E008', `answer "${a}" is not one of the options (${ids.join(', ')})`, lineOfKey('answer'));
  }
  const chooseMatch = CHOOSE_N.exec(stem);
  const chooseN = chooseMatch ? (NUMBER_WORDS[chooseMatch[1]!.toLowerCase()] ?? Number(chooseMatch[1])) : undefined;
  const declaredMultiple = q.type === 'multiple' || chooseN !== undefined;
  const multiple = declaredMultiple || answer.length > 1;
  if (declaredMultiple && answer.length < 2) {
    fail('E009', `multiple-response question has ${answer.length} answer; it needs at least two`, lineOfKey('answer'));
  } else if (chooseN !== undefined && answer.length !== chooseN) {
    fail('W018', `stem says "${chooseMatch![0]}" but the answer lists ${answer.length} options`, lineOfKey('answer'));
  }
  const explanation = typeof q.explanation === 'string' ? q.explanation.trim() : '';
  if (!explanation) fail('W015', 'question has no `explanation`; say why each option is right or wrong', input.fenceLine);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

  const question: AuthoredQuestion = {
    id: typeof q.id === 'string' && q.id.trim() ? q.id.trim() : `${input.fileId}/q-${shortHash(stem)}`,
    topic: input.topic.id,
    stem,
    options,
    answer,
    type: multiple ? 'multiple' : 'single',
    explanation,
    tags: Array.isArray(q.tags) ? q.tags.map(String) : typeof q.tags === 'string' ? [q.tags] : [],
    source: { file: input.file, line: input.fenceLine },
  };
  if (typeof q.difficulty === 'string' || typeof q.difficulty === 'number') question.difficulty = String(q.difficulty);
  return { question, diagnostics };
}

/** Options may be written `a: text` (a mapping), as a plain list (ids a, b, c…), or as `{id, text}` items. */
function readOptions(raw: unknown): QuestionOption[] | undefined {
  if (Array.isArray(raw) && raw.length > 0) {
    return raw.map((item, i) => {
      if (item !== null && typeof item === 'object' && 'text' in item) {
        const o = item as { id?: unknown; text?: unknown };
        return { id: String(o.id ?? OPTION_LETTERS[i] ?? i), text: String(o.text ?? '').trim() };
      }
      return { id: OPTION_LETTERS[i] ?? String(i), text: String(item ?? '').trim() };
    });
  }
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const entries = Object.entries(raw as Record<string, unknown>);
    if (entries.length === 0) return undefined;
    return entries.map(([id, text]) => ({ id, text: String(text ?? '').trim() }));
  }
  return undefined;
}

function readAnswer(raw: unknown): string[] | undefined {
  if (typeof raw === 'string' || typeof raw === 'number') {
    const parts = String(raw).split(/\s*,\s*/).filter(Boolean);
    return parts.length ? parts : undefined;
  }
  if (Array.isArray(raw) && raw.length > 0) return raw.map(String);
  return undefined;
}
