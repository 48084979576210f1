import { slugify } from './text.js';

/**
 * A new note with one example of every construct, written so it lints clean and shows an
 * instructor the format by example. `today` is passed in: content code never reads the clock.
 */
export function noteSkeleton(title: string, today: string): { id: string; text: string } {
  const id = slugify(title);
  const text = `---
id: ${id}
title: ${title}
domain: Data Ingestion and Transformation
exams: [DEA-C01]
tags: [${id}]
sources:
  - https://docs.aws.amazon.com/
verified: ${today}
---

One or two sentences on what ${title} is for and when a candidate should pick it.
Quantities written in prose, such as a 30-second timeout, become numeric cloze questions.

## Limits

A table with \`Limit\` and \`Value\` columns: each row is a fact. Values must be quantities.

| Limit | Value | Scope | Notes | Since | Source |
|---|---|---|---|---|---|
| Example throughput | 1 MiB/s or 1,000 records/s | per shard | whichever is reached first | | https://docs.aws.amazon.com/ |
| Example range | 1–128 MiB | per resource | replace with a real limit | | https://docs.aws.amazon.com/ |

## Choosing between options

Any other table with a feature column and two or more option columns is a comparison.

| Feature | Option A | Option B |
|---|---|---|
| Latency | real time | near real time |
| Stores data | yes | no |

## Cards

What does ${title} do? :: Replace with a one-line answer.

${title} ::: the term on the other side of a two-way card

Name two things a candidate must know about ${title}
?
first thing
second thing

The default example timeout is ==30 seconds==.

## Questions

\`\`\`question
id: ${id}-1
stem: "A company needs ... Which solution meets these requirements with the LEAST operational overhead?"
options:
  a: "First complete option"
  b: "Second complete option"
  c: "Third complete option"
  d: "Fourth complete option"
answer: b
explanation: "b is right because ... a is wrong because ... c ... d ..."
difficulty: medium
tags: [${id}]
\`\`\`
`;
  return { id, text };
}
