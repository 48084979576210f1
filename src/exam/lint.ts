// `shardlab content lint` over exam profiles (content/exams/*.yaml): the same file:line:column
// diagnostics as the notes, with codes of their own (X for exams). Codes are stable: never
// reused for a different meaning. docs/authoring.md lists them.

import { diagnosticFrom } from '../content/diagnostics.js';
import type { ContentIndex, Diagnostic, Severity } from '../content/model.js';
import { YamlBlock } from '../labs/yaml-block.js';
import { collectProfiles, profileCoverage, type ProfileProblem } from './profile.js';

export const EXAM_CODES = {
  X001: { severity: 'error', summary: 'exam profile is not valid YAML' },
  X002: { severity: 'error', summary: 'exam profile field is unknown, missing or has a wrong value' },
  X003: { severity: 'error', summary: 'exam profile id is already used (a built-in or another file)' },
  X004: { severity: 'error', summary: 'topic weight names a topic the notes do not have' },
  X005: { severity: 'warning', summary: 'domain weight names a domain no note claims (front matter `domain:`)' },
  X006: { severity: 'warning', summary: 'domain weights do not add up to 100 (exam guides state them in percent)' },
  X007: { severity: 'warning', summary: 'one weight takes over 90% of the paper: the other entries get almost nothing' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type ExamCode = keyof typeof EXAM_CODES;

const PROBLEM_CODES: Record<ProfileProblem['kind'], ExamCode> = { yaml: 'X001', field: 'X002', clash: 'X003' };

/** Checks profile files ({file, text}) against the notes in `index`. */
export function lintProfiles(files: readonly { file: string; text: string }[], index: ContentIndex): Diagnostic[] {
  const { profiles, problems } = collectProfiles(files);
  const out: Diagnostic[] = problems.map((p) => diagnosticFrom(EXAM_CODES, PROBLEM_CODES[p.kind], p.file, p.line, p.message, p.column));
  for (const profile of profiles) {
    const source = profile.source;
    const text = source && files.find((f) => f.file === source.file)?.text;
    if (!source || text === undefined) continue;
    const parsed = YamlBlock.parse(text, 1);
    if (!parsed.ok) continue;
    const block = parsed.block;
    const at = (section: string, name: string) => block.keyPosition([section], name);
    const say = (code: ExamCode, section: string, name: string, message: string) => {
      const p = at(section, name);
      out.push(diagnosticFrom(EXAM_CODES, code, source.file, p.line, message, p.column));
    };
    const coverage = profileCoverage(profile, index);
    const weights = profile.weights.by === 'topic' ? Object.entries(profile.weights.topics) : profile.weights.domains.map((d) => [d.name, d.weight] as const);
    const section = profile.weights.by === 'topic' ? 'topics' : 'domains';
    // Only a profile that names its weights is checked on them; DEA-C01's own are known good.
    if (!(section in ((block.doc.toJS() as Record<string, unknown> | null) ?? {}))) continue;
    if (profile.weights.by === 'topic') {
      for (const id of coverage.unknownTopics) say('X004', section, id, `no topic "${id}" in the notes (see: shardlab topics)`);
    } else {
      for (const name of coverage.missing) say('X005', section, name, `no note has domain "${name}" (or one of its names) in its front matter; it will ask nothing`);
      const sum = weights.reduce((a, [, w]) => a + w, 0);
      if (Math.abs(sum - 100) > 1e-9) {
        const p = block.keyPosition([], section);
        out.push(diagnosticFrom(EXAM_CODES, 'X006', source.file, p.line, `domain weights add up to ${sum}, not 100`, p.column));
      }
    }
    const total = weights.reduce((a, [, w]) => a + w, 0);
    if (weights.length > 1) for (const [name, w] of weights) if (w / total > 0.9) say('X007', section, name, `"${name}" has ${Math.round((w / total) * 100)}% of the weight; the other ${weights.length - 1} share the rest`);
  }
  return out;
}
