import matter from 'gray-matter';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { diagnostic } from './diagnostics.js';
import type { Diagnostic, FrontMatter } from './model.js';

const KNOWN_KEYS = ['id', 'title', 'domain', 'exams', 'tags', 'sources', 'verified'] as const;

const stringList = z.union([z.string().transform((s) => [s]), z.array(z.union([z.string(), z.number()]).transform(String))]);

// Each field is checked on its own so one bad value does not discard the others.
const FIELD_SCHEMAS: Record<(typeof KNOWN_KEYS)[number], z.ZodType> = {
  id: z.union([z.string().min(1), z.number().transform(String)]),
  title: z.union([z.string().min(1), z.number().transform(String)]),
  domain: z.string(),
  exams: stringList,
  tags: stringList,
  sources: stringList,
  // YAML may hand back a Date for an unquoted date; keep the ISO day.
  verified: z.union([z.string(), z.date().transform((d) => d.toISOString().slice(0, 10))]),
};

export interface FrontMatterResult {
  data: FrontMatter;
  /** The text after the front matter, with the same line numbers as the file once `lineOffset` is added. */
  body: string;
  /** Lines taken by the front matter block (0 when there is none). */
  lineOffset: number;
  diagnostics: Diagnostic[];
}

function keyLine(matterText: string, key: string): number {
  // gray-matter keeps the newline that ends the opening `---` line; drop it so index 0 is line 2.
  const index = matterText.replace(/^\r?\n/, '').split('\n').findIndex((l) => l.startsWith(`${key}:`) || l.startsWith(`"${key}":`));
  // +2: the opening `---` line, and 1-based numbering.
  return index === -1 ? 1 : index + 2;
}

export function parseFrontMatter(file: string, text: string): FrontMatterResult {
  const diagnostics: Diagnostic[] = [];
  if (!/^---[ \t]*\r?\n/.test(text)) return { data: {}, body: text, lineOffset: 0, diagnostics };

  let raw: unknown;
  let body: string;
  let matterText: string;
  try {
    // Passing options turns off gray-matter's by-content cache, which hands back shared objects.
    const parsed = matter(text, { engines: { yaml: (s: string) => parseYaml(s) as object } });
    raw = parsed.data;
    body = parsed.content;
    matterText = parsed.matter;
  } catch (error) {
    const closing = text.indexOf('\n---', 3);
    const pos = error instanceof YAMLParseError ? error.linePos?.[0] : undefined;
    const message = error instanceof Error ? error.message.split('\n')[0] ?? 'invalid YAML' : 'invalid YAML';
    diagnostics.push(diagnostic('E001', file, pos ? pos.line + 1 : 1, `front matter is not valid YAML: ${message}`, pos?.col));
    if (closing === -1) return { data: {}, body: text, lineOffset: 0, diagnostics };
    const afterClosing = text.indexOf('\n', closing + 4);
    body = afterClosing === -1 ? '' : text.slice(afterClosing + 1);
    return { data: {}, body, lineOffset: countLines(text.slice(0, text.length - body.length)), diagnostics };
  }

  const lineOffset = countLines(text.slice(0, text.length - body.length));
  const data: FrontMatter = {};
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) {
    if (raw !== null && raw !== undefined && Object.keys(raw).length > 0) {
      diagnostics.push(diagnostic('E004', file, 2, 'front matter must be a mapping of keys to values'));
    }
    return { data, body, lineOffset, diagnostics };
  }

  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!(KNOWN_KEYS as readonly string[]).includes(key)) {
      diagnostics.push(
        diagnostic('W002', file, keyLine(matterText, key), `unknown front-matter key "${key}" (known: ${KNOWN_KEYS.join(', ')})`),
      );
      continue;
    }
    const result = FIELD_SCHEMAS[key as (typeof KNOWN_KEYS)[number]].safeParse(value);
    if (result.success) {
      (data as Record<string, unknown>)[key] = result.data;
    } else {
      diagnostics.push(diagnostic('E004', file, keyLine(matterText, key), `front-matter "${key}" has the wrong type: ${describeExpected(key)}`));
    }
  }
  return { data, body, lineOffset, diagnostics };
}

function describeExpected(key: string): string {
  if (key === 'exams' || key === 'tags' || key === 'sources') return 'expected a list of strings';
  return 'expected a string';
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
