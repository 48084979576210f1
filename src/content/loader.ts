import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ContentCache } from './cache.js';
import { crossCheckFacts } from './cross-check.js';
import { compareDiagnostics, diagnostic } from './diagnostics.js';
import type { ContentIndex, Diagnostic, FileContent } from './model.js';
import { emptyContent, parseNote } from './parse-file.js';

export const NOTE_EXTENSIONS = /\.(md|markdown|txt)$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export class ContentRootError extends Error {}

/** Hidden entries and dependency or VCS folders are never notes, at any depth. */
export function isSkippedName(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRS.has(name);
}

export interface LoadOptions {
  /** Where to keep parsed files between runs; null or absent disables the cache. */
  cacheFile?: string | null;
  /** Changes whenever the parser may produce different output. */
  cacheKey?: string;
}

/** Every note file under `root`, relative, with forward slashes, in a stable order. */
export function listNoteFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (isSkippedName(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && NOTE_EXTENSIONS.test(entry.name)) found.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return found.sort();
}

/** Loads a folder of notes. Throws only ContentRootError, when `root` is not a readable folder. */
export function loadContent(root: string, options: LoadOptions = {}): ContentIndex {
  const absRoot = resolve(root);
  let isDir = false;
  try {
    isDir = statSync(absRoot).isDirectory();
  } catch {
    throw new ContentRootError(`content folder not found: ${root}`);
  }
  if (!isDir) throw new ContentRootError(`not a folder: ${root}`);

  const cache = ContentCache.open(options.cacheFile ?? null, options.cacheKey ?? '');
  const files = listNoteFiles(absRoot).map((file) => loadFile(absRoot, file, cache));
  cache.retainOnly(new Set(files.map((f) => f.file)));
  cache.save();
  return combine(absRoot, files);
}

/** Parses single files (for `content lint FILE`), resolving their links against their own folder. */
export function loadFiles(paths: string[]): ContentIndex {
  const files = paths.map((p) => {
    const abs = resolve(p);
    return loadFile(dirname(abs), abs.slice(dirname(abs).length + 1), ContentCache.open(null, ''), p);
  });
  return combine(process.cwd(), files);
}

function loadFile(root: string, file: string, cache: ContentCache, shownAs = file): FileContent {
  const abs = join(root, file);
  let stat;
  let bytes: Buffer;
  try {
    stat = statSync(abs);
    const cached = cache.get(file, stat.mtimeMs, stat.size);
    if (cached) return cached;
    bytes = readFileSync(abs);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : 'unreadable';
    return emptyContent(shownAs, [diagnostic('E017', shownAs, 1, `could not read the file (${reason})`)]);
  }
  if (bytes.includes(0)) {
    return emptyContent(shownAs, [diagnostic('E017', shownAs, 1, 'this is not a text file (it contains NUL bytes)')]);
  }
  const content = parseNote(shownAs, new TextDecoder('utf-8').decode(bytes));
  cache.set(file, stat.mtimeMs, stat.size, content);
  return content;
}

function combine(root: string, files: FileContent[]): ContentIndex {
  const index: ContentIndex = {
    root,
    files,
    topics: files.map((f) => f.topic),
    cards: files.flatMap((f) => f.cards),
    facts: files.flatMap((f) => f.facts),
    comparisons: files.flatMap((f) => f.comparisons),
    questions: [],
    mentions: files.flatMap((f) => f.mentions),
    diagnostics: files.flatMap((f) => f.diagnostics),
  };
  index.diagnostics.push(...duplicateIds(index, files));
  index.diagnostics.push(...brokenLinks(root, files));
  index.diagnostics.push(...crossCheckFacts(index.facts));
  index.diagnostics.sort(compareDiagnostics);
  return index;
}

/** Ids must be unique across files: progress and questions are stored under them. */
function duplicateIds(index: ContentIndex, files: FileContent[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const topicOwners = new Map<string, FileContent>();
  for (const f of files) {
    const owner = topicOwners.get(f.topic.id);
    if (owner) out.push(diagnostic('E005', f.file, 1, `topic id "${f.topic.id}" is already used by ${owner.file}; set a different \`id:\` in the front matter`));
    else topicOwners.set(f.topic.id, f);
  }
  const questionOwners = new Map<string, string>();
  for (const f of files) {
    for (const q of f.questions) {
      const owner = questionOwners.get(q.id);
      if (owner) out.push(diagnostic('E005', q.source.file, q.source.line, `question id "${q.id}" is already used at ${owner}`));
      else {
        questionOwners.set(q.id, `${q.source.file}:${q.source.line}`);
        index.questions.push(q);
      }
    }
  }
  return out;
}

function brokenLinks(root: string, files: FileContent[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of files) {
    const dir = dirname(resolve(root, f.file));
    for (const link of f.links) {
      if (existsSync(resolve(dir, link.target))) continue;
      // A missing picture costs the reader a figure; a broken link to a note breaks navigation.
      out.push(
        link.image
          ? diagnostic('W021', f.file, link.line, `image not found: ${link.target}`, link.column)
          : diagnostic('E013', f.file, link.line, `link to a missing file: ${link.target}`, link.column),
      );
    }
  }
  return out;
}
