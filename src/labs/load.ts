import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compareDiagnostics } from '../content/diagnostics.js';
import type { Diagnostic } from '../content/model.js';
import { labDiagnostic } from './diagnostics.js';
import type { Lab } from './model.js';
import { parseLab } from './parse.js';

// The labs folder: every `*.md` file at its top level is a lab (`labs/<id>.md`), except a
// README. Subfolders (the example scenarios in labs/scenarios/) are not labs.

export interface LabFile {
  /** Relative to the labs folder for a folder load; as given for single files. */
  file: string;
  lab: Lab | null;
  diagnostics: Diagnostic[];
}

export interface LabsIndex {
  root: string | null;
  files: LabFile[];
  /** The labs that loaded without an error, in file order. */
  labs: Lab[];
  diagnostics: Diagnostic[];
}

export interface LabLoadOptions {
  /** Topic ids of the notes, to check each lab's `topics` (L020); unchecked when absent. */
  topicIds?: ReadonlySet<string>;
}

/** Lab file names in `dir`, sorted; none when the folder is absent. */
export function listLabFiles(dir: string): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) return [];
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((f) => f.toLowerCase().endsWith('.md') && f.toLowerCase() !== 'readme.md' && !f.startsWith('.'))
    .filter((f) => {
      try {
        return statSync(join(dir, f)).isFile();
      } catch {
        return false;
      }
    })
    .sort();
}

export function loadLabFile(path: string, file = path, options: LabLoadOptions = {}): LabFile {
  let text: string;
  try {
    const buffer = readFileSync(path);
    if (buffer.includes(0)) return { file, lab: null, diagnostics: [labDiagnostic('L098', file, 1, 'not a text file')] };
    text = buffer.toString('utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { file, lab: null, diagnostics: [labDiagnostic('L098', file, 1, `could not read the file: ${reason}`)] };
  }
  const parsed = parseLab(file, text, options);
  return { file, lab: parsed.lab, diagnostics: parsed.diagnostics };
}

/** Loads the labs folder; an absent folder is an empty index. */
export function loadLabs(dir: string, options: LabLoadOptions = {}): LabsIndex {
  return combine(
    dir,
    listLabFiles(dir).map((f) => loadLabFile(join(dir, f), f, options)),
  );
}

/** Loads single files (`lab lint FILE…`). */
export function loadLabPaths(paths: readonly { path: string; file: string }[], options: LabLoadOptions = {}): LabsIndex {
  return combine(
    null,
    paths.map((p) => loadLabFile(p.path, p.file, options)),
  );
}

function combine(root: string | null, files: LabFile[]): LabsIndex {
  const seen = new Map<string, string>();
  for (const f of files) {
    if (!f.lab) continue;
    const first = seen.get(f.lab.id);
    if (first !== undefined) {
      f.diagnostics.push(labDiagnostic('L024', f.file, 1, `lab id "${f.lab.id}" is already used by ${first}`));
      f.lab = null;
    } else seen.set(f.lab.id, f.file);
  }
  const labs = files.flatMap((f) => (f.lab ? [f.lab] : []));
  const diagnostics = files.flatMap((f) => f.diagnostics).sort(compareDiagnostics);
  return { root, files, labs, diagnostics };
}

export function findLab(index: LabsIndex, id: string): Lab | undefined {
  return index.labs.find((l) => l.id === id);
}
