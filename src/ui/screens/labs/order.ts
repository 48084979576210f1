import type { LabListing } from '../../../labs/protocol.js';

// The Labs list in the order a learner would take the labs: Kinesis first (everything else
// builds on streams), then Firehose, SQS, IoT, and the transfer services and anything else last;
// within a group from beginner to advanced, then by title. A lab's group is its first service,
// the one its author leads with. Files that do not load go last, by file name.

const GROUPS: readonly string[] = ['kinesis', 'firehose', 'sqs', 'iot'];
const LEVELS: readonly string[] = ['beginner', 'intermediate', 'advanced'];

function rank(list: readonly string[], value: string | undefined): number {
  const at = value === undefined ? -1 : list.indexOf(value);
  return at < 0 ? list.length : at;
}

function compare(a: LabListing, b: LabListing): number {
  if (!a.lab || !b.lab) return (a.lab ? 0 : 1) - (b.lab ? 0 : 1) || a.file.localeCompare(b.file);
  return (
    rank(GROUPS, a.lab.services[0]) - rank(GROUPS, b.lab.services[0]) ||
    rank(LEVELS, a.lab.difficulty) - rank(LEVELS, b.lab.difficulty) ||
    a.lab.title.localeCompare(b.lab.title, 'en') ||
    a.file.localeCompare(b.file)
  );
}

export function learnerOrder(labs: readonly LabListing[]): LabListing[] {
  return [...labs].sort(compare);
}
