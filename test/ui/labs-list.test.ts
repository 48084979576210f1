import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLabs } from '../../src/labs/load.js';
import type { LabListing } from '../../src/labs/protocol.js';
import { labsBody } from '../../src/ui/screens/labs/lines.js';
import { learnerOrder } from '../../src/ui/screens/labs/order.js';
import { type LabsState, initLabs, labsReducer } from '../../src/ui/screens/labs/state.js';
import { unwrap } from '../../src/ui/screens/model.js';

const shipped = loadLabs(join(import.meta.dirname, '..', '..', 'labs'));
const listings: LabListing[] = shipped.files.map((f) => ({ file: f.file, lab: f.lab }));
const size = { columns: 80, rows: 24 };

function listed(labs: LabListing[], best: LabsState['best'] = new Map()): LabsState {
  return unwrap(labsReducer(initLabs(undefined, size), { type: 'listed', labs, best: [...best] })).state;
}
const text = (s: LabsState) => labsBody(s, 80).lines.map((l) => l.map((x) => x.text).join(''));

describe('the Labs list', () => {
  it('is in the order a learner takes the labs: service group, then level, then title', () => {
    const order = listed(listings).labs.map((l) => l.lab!);
    const groupOf = (services: string[]) => ({ kinesis: 0, firehose: 1, sqs: 2, iot: 3 })[services[0]!] ?? 4;
    const level = { beginner: 0, intermediate: 1, advanced: 2 };
    const keys = order.map((l) => [groupOf(l.services), level[l.difficulty], l.title] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2], 'en'));
    expect(keys).toEqual(sorted);
    expect(order[0]!.services[0]).toBe('kinesis');
    expect(order[0]!.difficulty).toBe('beginner');
    expect(order.at(-1)!.services[0]).not.toMatch(/^(kinesis|firehose|sqs|iot)$/);
    // Every group the list has, in the learner's order, each one block.
    const groups = order.map((l) => groupOf(l.services));
    expect(groups).toEqual([...groups].sort((a, b) => a - b));
  });

  it('puts files that do not load last and keeps the selected lab selected when the list changes', () => {
    const broken: LabListing = { file: 'a-broken.md', lab: null, problem: 'a-broken.md:1: no front matter' };
    const ordered = learnerOrder([broken, ...listings]);
    expect(ordered.at(-1)).toBe(broken);
    let s = listed(listings);
    s = unwrap(labsReducer(s, { type: 'move', by: 3 })).state;
    const picked = s.labs[3]!.lab!.id;
    s = unwrap(labsReducer(s, { type: 'listed', labs: [...listings].reverse(), best: [] })).state;
    expect(s.labs[s.cursor]!.lab!.id).toBe(picked);
  });

  it('shows the whole title, services, level, minutes and best score of the selected lab at 80×24', () => {
    let s = listed(listings);
    const long = s.labs.findIndex((l) => l.lab!.title.length > 40);
    expect(long).toBeGreaterThanOrEqual(0);
    const lab = s.labs[long]!.lab!;
    s = unwrap(labsReducer({ ...s, best: new Map([[lab.id, { score: 59.5, maxScore: 100, passed: false, at: 0, runs: 2 }]]) }, { type: 'move', by: long })).state;
    const lines = text(s);
    expect(lines.length).toBeLessThanOrEqual(21);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    // The list row cuts a long title; the details under the rule have all of it.
    const details = lines.slice(lines.findIndex((l) => l.startsWith('──'))).join(' ').replace(/\s+/g, ' ');
    expect(details).toContain(lab.title);
    expect(details).toContain(`${lab.services.join(', ')} · ${lab.difficulty} · ${lab.minutes} min · ${lab.points} points`);
    expect(details).toContain('Best 59.5/100 in 2 runs');
  });

  it('wraps a title too long for one row under the list, losing no word', () => {
    const lab = { ...listings[0]!.lab!, title: 'A very long lab title that goes on and on past the edge of an eighty column terminal window' };
    const lines = text(listed([{ file: 'x.md', lab }]));
    const details = lines.slice(lines.findIndex((l) => l.startsWith('──')) + 1);
    expect(details[0]!.length).toBeLessThanOrEqual(80);
    expect(details.slice(0, 2).join(' ').replace(/\s+/g, ' ').trim()).toBe(lab.title);
  });
});
