import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/loader.js';
import { authoredQuestion, wrongReasons } from '../../src/quiz/generators/authored.js';
import { clozePool, clozeQuestion } from '../../src/quiz/generators/cloze.js';
import { trueStatement, whichOption } from '../../src/quiz/generators/compare.js';
import { recallName, recallValue } from '../../src/quiz/generators/recall.js';
import type { Question } from '../../src/quiz/model.js';
import { validate } from '../../src/quiz/validate.js';
import { context, fixtureIndex, seedsDir, shippedIndex } from './helpers.js';

const key = (q: Question) => q.options.filter((o) => q.answer.includes(o.id)).map((o) => o.text);
const whyOf = (q: Question, text: string) => q.distractors.find((d) => q.options.find((o) => o.id === d.optionId)?.text === text)?.why;

function ok(q: Question | null): Question {
  expect(q).not.toBeNull();
  expect(validate(q!).problems).toEqual([]);
  return q!;
}

function fact(name: string, index = fixtureIndex()) {
  const f = index.facts.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return f;
}

describe('recall', () => {
  it('asks for a limit value, with its scope, and keys the value the notes give', () => {
    for (let seed = 0; seed < 20; seed++) {
      const q = ok(recallValue(context(fixtureIndex(), seed), fact('GetRecords call rate')));
      expect(q.stem).toBe('Kinesis Data Streams › Throughput: what is the GetRecords call rate (per shard)?');
      expect(key(q)).toEqual(['5 calls/s']);
      expect(q.kind).toBe('recall');
      expect(q.facts).toEqual([fact('GetRecords call rate').id]);
      expect(q.sources).toEqual([fact('GetRecords call rate').source]);
    }
  });

  it('offers the value before AWS changed it as a named mistake', () => {
    const q = ok(recallValue(context(fixtureIndex(), 3), fact('PutRecords request size')));
    expect(key(q)).toEqual(['10 MiB']);
    expect(whyOf(q, '5 MiB')).toMatch(/^That was the value before AWS changed it \(2025\): older material says 5 MiB/);
    expect(q.distractors.find((d) => d.why.startsWith('That was'))?.misconception).toBe('previous-value');
  });

  it('for a range, asks for one end and offers the other end as a mistake', () => {
    for (let seed = 0; seed < 10; seed++) {
      const q = ok(recallValue(context(fixtureIndex(), seed), fact('Retention period')));
      const largest = q.stem.includes('largest');
      expect(key(q)).toEqual([largest ? '8,760 h' : '24 h']);
      expect(whyOf(q, largest ? '24 h' : '8,760 h')).toBe('That is the other end of the allowed range (24 h–8,760 h)');
    }
  });

  it('for alternatives, asks for one of them in its unit', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const q = recallValue(context(fixtureIndex(), seed), fact('Shard write throughput'));
      if (!q) continue;
      ok(q);
      seen.add(key(q)[0]!);
      expect(q.stem).toMatch(/shard write throughput, in (MiB\/s|records\/s) \(per shard\)\?$/);
    }
    expect(seen).toEqual(new Set(['1 MiB/s', '1,000 records/s']));
  });

  it('a count sibling must count the same thing: 80 characters is never offered as "80 messages"', () => {
    const index = shippedIndex();
    const f = index.facts.find((x) => x.name === 'Messages per batch request')!;
    for (let seed = 0; seed < 30; seed++) {
      const q = ok(recallValue(context(index, seed), f));
      for (const d of q.distractors.filter((x) => x.why.startsWith('That is the'))) expect(d.why).toMatch(/\d messages?$/);
    }
  });

  it('in reverse, names the limit; every other option is a limit of the same dimension with another value', () => {
    const index = shippedIndex();
    const f = index.facts.find((x) => x.name === 'GetRecords call rate')!;
    const q = ok(recallName(context(index, 2), f));
    expect(q.stem).toMatch(/which limit is 5 calls\/s \(per shard\)\?$/);
    expect(key(q)).toEqual(['GetRecords call rate']);
    for (const d of q.distractors) expect(d.why).toMatch(/^The .+ is .+/);
    const names = q.options.map((o) => o.text).filter((t) => t !== 'GetRecords call rate');
    for (const name of names) {
      const other = index.facts.find((x) => x.name === name)!;
      expect(other.values.some((v) => v.base.dimension === 'count/s' && v.base.amount === 5)).toBe(false);
    }
  });
});

describe('cloze', () => {
  const pool = () => clozePool(fixtureIndex()).eligible;
  const mention = (text: string) => pool().find((m) => m.sentence.includes(text))!;

  it('blanks the number in the sentence and offers values of the same dimension in its unit', () => {
    const q = ok(clozeQuestion(context(fixtureIndex(), 1), mention('propagation delay grows')));
    expect(q.stem).toBe('Fill in the blank, from your notes on Kinesis Data Streams › Consumers:\n“With five polling consumers the propagation delay grows to about _____ per record.”');
    expect(key(q)).toEqual(['1,000 ms']);
    expect(q.options.every((o) => / (ms|s)$/.test(o.text) || /ms$/.test(o.text))).toBe(true);
    expect(q.explanation).toContain('(kinesis.md:');
  });

  it('rebuilds a sentence the notes wrapped over two lines', () => {
    const q = ok(clozeQuestion(context(fixtureIndex(), 1), mention('its own 2 MiB/s')));
    expect(q.stem).toContain('“Each enhanced fan-out consumer gets its own _____ per shard, so adding one more consumer does not slow down the others.”');
    expect(key(q)).toEqual(['2 MiB/s']);
  });

  it('names where a sibling figure comes from', () => {
    const q = ok(clozeQuestion(context(fixtureIndex(), 4), mention('propagation delay grows')));
    const sibling = q.distractors.find((d) => d.why.startsWith('Your notes give'));
    if (sibling) expect(sibling.why).toMatch(/\(kinesis\.md:\d+\)$/);
  });

  it.skipIf(!existsSync(seedsDir))('skips the seed notes’ stale figures, and a typo of one', () => {
    const seeds = loadContent(seedsDir);
    const eligible = clozePool(seeds).eligible;
    // SQS 256KB (and its typo 265kb), Kinesis retention up to 7 days, Firehose's 60 second minimum.
    for (const stale of ['256KB', '265kb', 'up to 7 days', '60 second latency']) {
      expect(seeds.mentions.some((m) => m.sentence.includes(stale)), stale).toBe(true);
      expect(eligible.some((m) => m.sentence.includes(stale)), stale).toBe(false);
    }
  });

  it('never blanks a value AWS has changed since (the notes say 256 KiB for SQS messages)', () => {
    expect(pool().some((m) => m.sentence.includes('256 KiB'))).toBe(false);
    expect(fixtureIndex().mentions.some((m) => m.sentence.includes('256 KiB'))).toBe(true);
  });
});

describe('compare', () => {
  const table = () => fixtureIndex().comparisons[0]!;

  it('which option has a given cell', () => {
    let q: Question | null = null;
    for (let seed = 0; !q && seed < 20; seed++) q = whichOption(context(fixtureIndex(), seed), table());
    ok(q);
    expect(q!.stem).toMatch(/^Comparing Classic \(shared\), Enhanced fan-out and Lambda mapping: which one has this feature\? .+: “.+”$/);
    expect(q!.options.map((o) => o.text).sort()).toEqual(['Classic (shared)', 'Enhanced fan-out', 'Lambda mapping']);
    for (const d of q!.distractors) expect(d.why).toMatch(/ has “.+” for /);
  });

  it('which statement is true of one option; the wrong ones are true of the other', () => {
    const q = ok(trueStatement(context(fixtureIndex(), 1), table()));
    const m = /^Which statement is true of (.+), compared with (.+)\?$/.exec(q.stem)!;
    expect(m).not.toBeNull();
    const [a, b] = [m[1]!, m[2]!];
    const cols = table().options;
    const row = table().rows.find((r) => key(q)[0] === `${r.feature}: ${r.cells[cols.indexOf(a)]}`);
    expect(row).toBeDefined();
    for (const d of q.distractors) expect(d.why.startsWith(`That is ${b}; ${a} has “`)).toBe(true);
    expect(q.sources[0]!.file).toBe('kinesis.md');
  });
});

describe('authored', () => {
  const authored = (id: string) => fixtureIndex().questions.find((q) => q.id === id)!;

  it('lists numeric options in order and keeps the key and reasons with the right letters', () => {
    const q = ok(authoredQuestion(context(fixtureIndex(), 5), authored('kds-shards')));
    expect(q.options.map((o) => o.text)).toEqual(['5', '7', '13', '14']);
    expect(key(q)).toEqual(['14']);
    expect(whyOf(q, '5')).toBe('It only counts records.');
    expect(whyOf(q, '13')).toBe('It rounds down.');
  });

  it('shuffles other options and rewrites the letters in the explanation to follow them', () => {
    const texts = new Set<string>();
    for (let seed = 0; seed < 12; seed++) {
      const q = ok(authoredQuestion(context(fixtureIndex(), seed), authored('kds-two')));
      texts.add(q.options.map((o) => o.text).join('|'));
      expect(q.type).toBe('multiple');
      expect(q.stem).toContain('(Choose two.)');
      const right = key(q);
      expect(right.sort()).toEqual(['Each consumer gets its own 2 MiB/s per shard', 'Records are pushed over HTTP/2']);
      expect(q.explanation.startsWith(`${[...q.answer].sort().join(' and ')} are right:`)).toBe(true);
      const classic = q.options.find((o) => o.text.startsWith('Consumers share'))!;
      expect(q.explanation).toContain(`${classic.id} is wrong: that describes classic consumers`);
      expect(whyOf(q, classic.text)).toBe('That describes classic consumers.');
    }
    expect(texts.size).toBeGreaterThan(3);
  });

  it('adds "(Choose N.)" to a multiple-response stem that lacks it', () => {
    const a = { ...authored('kds-two'), stem: 'Which statements about enhanced fan-out are true?' };
    expect(ok(authoredQuestion(context(fixtureIndex(), 1), a)).stem).toBe('Which statements about enhanced fan-out are true? (Choose two.)');
  });

  it('reads each wrong option’s reason from its sentence', () => {
    const reasons = wrongReasons('b is right: x. a and c are wrong: both ignore bytes. d is wrong: it rounds down.', ['a', 'b', 'c', 'd']);
    expect(Object.fromEntries(reasons)).toEqual({ a: 'Both ignore bytes.', c: 'Both ignore bytes.', d: 'It rounds down.' });
  });
});
