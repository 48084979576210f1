import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// A synthetic corpus shaped like real notes (front matter, headings, prose with quantities, limit
// and comparison tables, every card syntax, question blocks), generated from a seed so every
// bench run measures the same bytes.

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ['Kinesis Data Streams', 'Firehose', 'SQS', 'IoT Core', 'DMS', 'Direct Connect', 'Snowball Edge', 'MSK'];
const UNITS = ['MiB/s', 'records/s', 'calls/s', 'ms', 'seconds', 'hours', 'days', 'KiB', 'MiB', 'messages/s'];
const WORDS = 'shard stream consumer producer buffer record partition key latency throughput retention batch queue message delivery object prefix rule topic device'.split(' ');

export function generateNote(index: number, seed = 42): string {
  const r = rng(seed * 100_003 + index);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const n = () => Math.floor(r() * 9_000) + 1;
  const sentence = () => {
    const words = Array.from({ length: 7 + Math.floor(r() * 8) }, () => pick(WORDS));
    words.splice(3, 0, `${n().toLocaleString('en-US')} ${pick(UNITS)}`);
    return `${words.join(' ')}.`;
  };
  const service = pick(SERVICES);
  const out: string[] = [
    '---',
    `id: bench-${index}`,
    `title: ${service} notes ${index}`,
    'exams: [DEA-C01]',
    'tags: [bench]',
    'verified: 2026-11-22',
    '---',
    '',
  ];
  for (let s = 0; s < 3; s++) {
    out.push(`## Section ${s + 1} of ${service}`, '');
    for (let p = 0; p < 2; p++) out.push(`${sentence()} ${sentence()} ${sentence()}`, '');
    out.push('- ' + sentence(), '  - ' + sentence(), '');
    out.push(`### Limits ${s + 1}`, '', '| Limit | Value | Scope | Source |', '|---|---|---|---|');
    for (let row = 0; row < 3; row++) {
      out.push(`| ${pick(WORDS)} ${pick(WORDS)} ${row} | ${n().toLocaleString('en-US')} ${pick(UNITS)} | per ${pick(WORDS)} | https://docs.aws.amazon.com/x |`);
    }
    out.push('', '| Feature | Option A | Option B |', '|---|---|---|', `| ${pick(WORDS)} | ${sentence()} | ${sentence()} |`, '');
    out.push(`What is the ${pick(WORDS)} limit ${s}? :: ${n()} ${pick(UNITS)}`);
    out.push(`${pick(WORDS)} ${s} ::: ${pick(WORDS)} ${pick(WORDS)}`, '');
    out.push(`Name the ${pick(WORDS)} parts ${s}`, '?', pick(WORDS), pick(WORDS), '');
    out.push(`A ${pick(WORDS)} holds ==${n()} ${pick(UNITS)}== at most.`, '');
  }
  out.push('```question', `id: bench-${index}-q`, `stem: "Which ${pick(WORDS)} fits? Choose one."`, 'options:');
  for (const id of 'abcd') out.push(`  ${id}: "${sentence()}"`);
  out.push('answer: b', `explanation: "${sentence()}"`, '```', '');
  return out.join('\n');
}

export function writeCorpus(dir: string, count: number): number {
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const text = generateNote(i);
    bytes += Buffer.byteLength(text);
    const sub = join(dir, `group-${Math.floor(i / 100)}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `note-${i}.md`), text);
  }
  return bytes;
}
