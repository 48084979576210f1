import type { Shard } from '../shard.js';
import type { Stream } from '../stream.js';

// Parents before children: after a split or merge, records of one partition key sit first in the
// parent and then in a child, so a child is read only once every parent has been read to its end.
// That is what keeps per-key order across a reshard (KCL and Lambda do the same).

export type StartingPosition = 'TRIM_HORIZON' | 'LATEST';

export class ShardLineage {
  private readonly finished = new Set<string>();
  private readonly started = new Set<string>();

  constructor(private readonly stream: Stream) {}

  /**
   * The shards a new consumer starts on. From TRIM_HORIZON that is the oldest retained
   * generation (children follow as their parents finish); from LATEST, the open shards.
   */
  initial(position: StartingPosition): Shard[] {
    const shards = position === 'LATEST' ? this.stream.openShards : this.stream.shards.filter((s) => !this.stream.isExpiredShard(s) && this.parentsDone(s));
    const ordered = [...shards].sort((a, b) => a.number - b.number);
    for (const s of ordered) this.started.add(s.id);
    return ordered;
  }

  /** Marks a shard read to its end; returns the children that may start now. */
  finish(shard: Shard): Shard[] {
    this.finished.add(shard.id);
    const ready: Shard[] = [];
    for (const child of this.stream.shards) {
      if (this.started.has(child.id) || !child.parents.includes(shard.id) || !this.parentsDone(child)) continue;
      this.started.add(child.id);
      ready.push(child);
    }
    return ready;
  }

  isFinished(shard: Shard): boolean {
    return this.finished.has(shard.id);
  }

  /** A parent that is finished, expired or unknown no longer holds its children back. */
  private parentsDone(shard: Shard): boolean {
    return shard.parents.every((id) => {
      if (this.finished.has(id)) return true;
      const parent = this.stream.shard(id);
      return !parent || this.stream.isExpiredShard(parent);
    });
  }
}
