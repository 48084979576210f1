import { createRng, zipfSampler, type Rng } from '../core/rng.js';

// Record bodies for generated traffic. Firehose compresses and partitions real bytes, so records
// are real JSON lines: the producer's fields, then a `pad` of words bringing the record to its
// size, then a newline (Firehose adds no delimiter of its own). The padding is a slice of one
// fixed text of log-like words, so GZIP finds what it finds in JSON log lines (about 5–6× for
// 1 KiB records) rather than the nothing of random bytes or the everything of repeated ones.
// One random draw per record.

const WORDS = (
  'order item customer session click view cart checkout payment shipped delivered returned ' +
  'region europe america asia device mobile desktop tablet browser chrome firefox safari ' +
  'status ok error retry timeout latency request response user account login logout search ' +
  'product category price quantity discount coupon total tax currency euro dollar yen ' +
  'warehouse stock level sensor reading temperature humidity pressure battery signal'
).split(' ');

const CORPUS_BYTES = 256 * 1024;
let corpus: string | null = null;

/** The padding text: the same on every machine (its own fixed seed, not the run's). */
function text(): string {
  if (corpus) return corpus;
  const rng = createRng(0x5eed);
  const parts: string[] = [];
  let length = 0;
  while (length < CORPUS_BYTES) {
    const w = WORDS[rng.int(WORDS.length)]!;
    parts.push(w);
    length += w.length + 1;
  }
  corpus = parts.join(' ').slice(0, CORPUS_BYTES);
  return corpus;
}

/** `length` characters of padding from a random place in the text. */
export function padding(length: number, rng: Rng): string {
  if (length <= 0) return '';
  const t = text();
  if (length <= t.length) {
    const at = rng.int(t.length - length + 1);
    return t.slice(at, at + length);
  }
  return t.repeat(Math.ceil(length / t.length)).slice(0, length);
}

/** How a field's values are drawn, as the scenario file gives it. */
export type FieldSpec =
  | string
  | number
  | boolean
  | { count: number; distribution?: 'uniform' | 'zipf'; s?: number }
  | { values: readonly (string | number | boolean)[] }
  | { min: number; max: number };

/** Draws the JSON text of one field's value. */
type Draw = () => string;

function fieldDraw(spec: FieldSpec, rng: Rng): Draw {
  if (typeof spec !== 'object') {
    const json = JSON.stringify(spec);
    return () => json;
  }
  if ('count' in spec) {
    const names = Array.from({ length: Math.min(spec.count, 1 << 20) }, (_, i) => String(i));
    const pick = spec.distribution === 'zipf' ? zipfSampler(spec.count, spec.s ?? 1, rng) : () => rng.int(spec.count);
    return () => {
      const i = pick();
      return names[i] ?? String(i);
    };
  }
  if ('values' in spec) {
    const json = spec.values.map((v) => JSON.stringify(v));
    return () => json[rng.int(json.length)]!;
  }
  const min = Math.ceil(Math.min(spec.min, spec.max));
  const span = Math.floor(Math.max(spec.min, spec.max)) - min + 1;
  return () => String(min + rng.int(span));
}

/** Builds one record body from a sequence number, the fields and a target size in bytes. */
export class BodyMaker {
  private readonly names: string[];
  private readonly draws: Draw[];

  constructor(
    fields: Readonly<Record<string, FieldSpec>>,
    private readonly rng: Rng,
  ) {
    this.names = Object.keys(fields).map((k) => `,${JSON.stringify(k)}:`);
    this.draws = Object.entries(fields).map(([k, spec]) => fieldDraw(spec, rng.fork(`field:${k}`)));
  }

  /** A JSON line of `size` bytes when the fields leave room for padding, else just the fields. */
  make(n: number, size: number): string {
    let head = `{"n":${n}`;
    for (let i = 0; i < this.draws.length; i++) head += this.names[i]! + this.draws[i]!();
    return withPadding(head, size, this.rng);
  }
}

/** `head` (an unterminated JSON object) closed with a `pad` field to reach `size` bytes and a newline. */
export function withPadding(head: string, size: number, rng: Rng): string {
  const room = size - head.length - 11; // ,"pad":"" + } + newline
  if (room < 0) return `${head}}\n`;
  return `${head},"pad":"${padding(room, rng)}"}\n`;
}
