// Exam profiles: how many questions, how long, the pass mark and where the questions come from.
// Three are built in (DEA-C01, the retired DAS-C01, a short sprint); instructors add their own as
// YAML files in content/exams/, validated here with every problem reported at its file:line.

import { z } from 'zod';
import type { ContentIndex, Topic } from '../content/model.js';
import { YamlBlock } from '../labs/yaml-block.js';

export interface ExamDomain {
  /** "Domain 1", as the exam guide numbers it. */
  number: number;
  name: string;
  /** Share of scored content, in percent as the guide states it. */
  weight: number;
  /** Other names a note's `domain:` front matter may give it (the DAS domains predate DEA's names). */
  aliases: readonly string[];
}

export type ProfileWeights = { by: 'domain'; domains: readonly ExamDomain[] } | { by: 'topic'; topics: Readonly<Record<string, number>> };

export interface ExamProfile {
  id: string;
  title: string;
  /** Questions on the paper, unscored ones included. */
  questions: number;
  /** Of those, how many are unscored (hidden among the rest, as AWS does with 15 of 65). */
  unscored: number;
  minutes: number;
  /** On the 100–1000 scale. */
  passingScore: number;
  /**
   * The share of scored questions right that the pass mark stands for. AWS publishes no
   * raw-to-scaled conversion; this is the assumption the scaled score is built on (docs/exam.md).
   */
  passingRaw: number;
  weights: ProfileWeights;
  /** Target share of multiple-response items (only authored questions can be multiple response). */
  multipleResponse: number;
  /** Target share of generated items (calc, recall, cloze, compare) against authored ones. */
  generated: number;
  /** Most of the paper that may be bare recall (recall, cloze, compare): the real exam avoids trivia. */
  recall: number;
  /** A line for the start screen, e.g. that an exam is retired. */
  note?: string;
  /** Where a custom profile was read from. */
  source?: { file: string; line: number };
}

export const DEA_DOMAINS: readonly ExamDomain[] = [
  { number: 1, name: 'Data Ingestion and Transformation', weight: 34, aliases: ['Collection', 'Processing'] },
  { number: 2, name: 'Data Store Management', weight: 26, aliases: ['Storage and Data Management'] },
  { number: 3, name: 'Data Operations and Support', weight: 22, aliases: ['Analysis and Visualization'] },
  { number: 4, name: 'Data Security and Governance', weight: 18, aliases: ['Security'] },
];

const DAS_DOMAINS: readonly ExamDomain[] = [
  { number: 1, name: 'Collection', weight: 18, aliases: ['Data Ingestion and Transformation'] },
  { number: 2, name: 'Storage and Data Management', weight: 22, aliases: ['Data Store Management'] },
  { number: 3, name: 'Processing', weight: 24, aliases: [] },
  { number: 4, name: 'Analysis and Visualization', weight: 18, aliases: ['Data Operations and Support'] },
  { number: 5, name: 'Security', weight: 18, aliases: ['Data Security and Governance'] },
];

// Shares of the mix: most of the real exam is scenarios, so authored scenarios lead, arithmetic
// scenarios follow, and bare recall is held to a tenth.
const MIX = { multipleResponse: 0.2, generated: 0.4, recall: 0.1 } as const;

export const BUILTIN_PROFILES: readonly ExamProfile[] = [
  {
    id: 'dea-c01',
    title: 'AWS Certified Data Engineer – Associate (DEA-C01)',
    questions: 65,
    unscored: 15,
    minutes: 130,
    passingScore: 720,
    passingRaw: 0.7,
    weights: { by: 'domain', domains: DEA_DOMAINS },
    ...MIX,
  },
  {
    id: 'das-c01',
    title: 'AWS Certified Data Analytics – Specialty (DAS-C01, legacy)',
    questions: 65,
    unscored: 15,
    minutes: 180,
    passingScore: 750,
    passingRaw: 0.75,
    weights: { by: 'domain', domains: DAS_DOMAINS },
    ...MIX,
    note: 'DAS-C01 was retired on 8 April 2024; DEA-C01 is its successor.',
  },
  {
    id: 'sprint',
    title: 'Sprint: 20 questions in 30 minutes (DEA-C01 weights)',
    questions: 20,
    unscored: 0,
    minutes: 30,
    passingScore: 720,
    passingRaw: 0.7,
    weights: { by: 'domain', domains: DEA_DOMAINS },
    ...MIX,
  },
];

export const DEFAULT_PROFILE = 'dea-c01';

// --- custom profiles -------------------------------------------------------------------------

const share = z.number().min(0).max(1);
const weightMap = z.record(z.string().min(1), z.number().positive()).refine((m) => Object.keys(m).length > 0, 'needs at least one entry');

export const customProfileSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes')
      .optional(),
    title: z.string().min(1).optional(),
    questions: z.number().int().min(1).max(500),
    minutes: z.number().positive().max(600),
    unscored: z.number().int().min(0).default(0),
    passingScore: z.number().int().min(100).max(1000).default(720),
    passingRaw: z.number().gt(0).lt(1).default(0.7),
    multipleResponse: share.default(MIX.multipleResponse),
    generated: share.default(MIX.generated),
    recall: share.default(MIX.recall),
    /** Weights by topic id (`kinesis-data-streams`, `sqs/fifo-queues`): only these topics are asked. */
    topics: weightMap.optional(),
    /** Weights by exam domain name (DEA-C01's unless given otherwise). */
    domains: weightMap.optional(),
    note: z.string().optional(),
  })
  .refine((p) => !(p.topics && p.domains), { message: 'give topics or domains, not both', path: ['domains'] })
  .refine((p) => p.unscored < p.questions, { message: 'unscored must be fewer than questions', path: ['unscored'] });

export interface ProfileProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  /** What went wrong, for the lint codes: YAML syntax, a field, or an id already taken. */
  kind: 'yaml' | 'field' | 'clash';
}

export type ProfileParse = { ok: true; profile: ExamProfile } | { ok: false; problems: ProfileProblem[] };

function slugOf(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base
    .replace(/\.ya?ml$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Parses one custom profile file's text; `file` is how problems name it. */
export function parseProfile(text: string, file: string): ProfileParse {
  const parsed = YamlBlock.parse(text, 1);
  if (!parsed.ok) return { ok: false, problems: [{ file, line: parsed.position.line, column: parsed.position.column, message: parsed.message, kind: 'yaml' }] };
  const block = parsed.block;
  const result = customProfileSchema.safeParse(block.value ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      // An unknown key is pointed at by name; anything else at the value that is wrong.
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const at = keys[0] !== undefined ? block.keyPosition(path, keys[0]) : block.position(path);
      const where = path.length ? `${path.join('.')}: ` : '';
      const message = issue.code === 'unrecognized_keys' ? `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}` : `${where}${issue.message}`;
      return { file, line: at.line, column: at.column, message, kind: 'field' as const };
    });
    return { ok: false, problems };
  }
  const p = result.data;
  const domains: ExamDomain[] | undefined = p.domains
    ? Object.entries(p.domains).map(([name, weight], i) => {
        const known = DEA_DOMAINS.find((d) => sameName(d.name, name)) ?? DAS_DOMAINS.find((d) => sameName(d.name, name));
        return { number: i + 1, name, weight, aliases: known ? [known.name, ...known.aliases] : [] };
      })
    : undefined;
  const profile: ExamProfile = {
    id: p.id ?? slugOf(file),
    title: p.title ?? slugOf(file),
    questions: p.questions,
    unscored: p.unscored,
    minutes: p.minutes,
    passingScore: p.passingScore,
    passingRaw: p.passingRaw,
    weights: p.topics ? { by: 'topic', topics: p.topics } : { by: 'domain', domains: domains ?? DEA_DOMAINS },
    multipleResponse: p.multipleResponse,
    generated: p.generated,
    recall: p.recall,
    source: { file, line: 1 },
    ...(p.note ? { note: p.note } : {}),
  };
  return { ok: true, profile };
}

export interface ProfileSet {
  profiles: ExamProfile[];
  problems: ProfileProblem[];
}

/**
 * The built-in profiles plus the custom ones in `files` ({file, text}); a custom profile that
 * reuses an id is a problem, not a silent override.
 */
export function collectProfiles(files: readonly { file: string; text: string }[]): ProfileSet {
  const profiles = [...BUILTIN_PROFILES];
  const problems: ProfileProblem[] = [];
  for (const { file, text } of files) {
    const r = parseProfile(text, file);
    if (!r.ok) {
      problems.push(...r.problems);
      continue;
    }
    const clash = profiles.find((p) => p.id === r.profile.id);
    if (clash) {
      problems.push({ file, line: 1, column: 1, message: `profile id "${r.profile.id}" is already used${clash.source ? ` by ${clash.source.file}` : ' by a built-in profile'}`, kind: 'clash' });
      continue;
    }
    profiles.push(r.profile);
  }
  return { profiles, problems };
}

// --- coverage --------------------------------------------------------------------------------

function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, ' ').trim();
  return norm(a) === norm(b);
}

/** A group of topics the paper draws a weighted share from: one exam domain, or one topic. */
export interface Bucket {
  key: string;
  label: string;
  weight: number;
  /** Every topic id in the bucket (file topics with their subtrees). */
  topicIds: Set<string>;
}

export interface Coverage {
  buckets: Bucket[];
  /** Domains (or topics) of the profile the notes have nothing for. */
  missing: string[];
  /** Topic ids named by a topic-weighted profile that the notes do not have. */
  unknownTopics: string[];
  /** One line for the start screen. */
  summary: string;
}

function subtree(topic: Topic, into: Set<string>): Set<string> {
  into.add(topic.id);
  for (const c of topic.children) subtree(c, into);
  return into;
}

function findTopicById(topics: readonly Topic[], id: string): Topic | undefined {
  for (const t of topics) {
    if (t.id === id) return t;
    const inner = findTopicById(t.children, id);
    if (inner) return inner;
  }
  return undefined;
}

function listNumbers(ns: number[]): string {
  if (ns.length === 1) return `Domain ${ns[0]}`;
  return `Domains ${ns.slice(0, -1).join(', ')} and ${ns[ns.length - 1]}`;
}

/** Which parts of the profile the notes can ask about, as weighted buckets. */
export function profileCoverage(profile: ExamProfile, index: ContentIndex): Coverage {
  if (profile.weights.by === 'topic') {
    const buckets: Bucket[] = [];
    const unknownTopics: string[] = [];
    for (const [id, weight] of Object.entries(profile.weights.topics)) {
      const topic = findTopicById(index.topics, id);
      if (!topic) unknownTopics.push(id);
      else buckets.push({ key: `topic:${id}`, label: topic.title, weight, topicIds: subtree(topic, new Set()) });
    }
    const summary = unknownTopics.length ? `the notes have no topic ${unknownTopics.map((t) => `"${t}"`).join(', ')}` : `covers ${buckets.length} of ${buckets.length} topics`;
    return { buckets, missing: unknownTopics, unknownTopics, summary };
  }
  const domains = profile.weights.domains;
  const buckets: Bucket[] = [];
  const missing: string[] = [];
  for (const d of domains) {
    const names = [d.name, ...d.aliases];
    const files = index.files.filter((f) => f.frontMatter.domain !== undefined && names.some((n) => sameName(n, f.frontMatter.domain!)));
    if (files.length === 0) {
      missing.push(d.name);
      continue;
    }
    const topicIds = new Set<string>();
    for (const f of files) subtree(f.topic, topicIds);
    buckets.push({ key: `domain:${d.number}`, label: `Domain ${d.number}: ${d.name}`, weight: d.weight, topicIds });
  }
  const coveredNumbers = domains.filter((d) => !missing.includes(d.name)).map((d) => d.number);
  let summary: string;
  if (missing.length === 0) summary = `covers all ${domains.length} domains`;
  else if (coveredNumbers.length === 0) summary = `the notes cover none of the ${domains.length} domains`;
  else summary = `covers only ${listNumbers(coveredNumbers)} of ${domains.length}; questions come from ${coveredNumbers.length === 1 ? 'that domain' : 'those domains'}, their weights rescaled`;
  return { buckets, missing, unknownTopics: [], summary };
}
