// The `quiz --json` shape of DESIGN §3, exactly: the fields validate needs (calc inputs, option
// values) stay inside the program.

import type { Question } from './model.js';

export interface QuestionJson {
  id: string;
  kind: Question['kind'];
  type: Question['type'];
  stem: string;
  options: { id: string; text: string }[];
  answer: string[];
  explanation: string;
  topic: string;
  sources: { file: string; line: number }[];
  distractors: { optionId: string; why: string }[];
}

export function questionJson(q: Question): QuestionJson {
  return {
    id: q.id,
    kind: q.kind,
    type: q.type,
    stem: q.stem,
    options: q.options.map((o) => ({ id: o.id, text: o.text })),
    answer: [...q.answer],
    explanation: q.explanation,
    topic: q.topic,
    sources: q.sources.map((s) => ({ file: s.file, line: s.line })),
    distractors: q.distractors.map((d) => ({ optionId: d.optionId, why: d.why })),
  };
}
