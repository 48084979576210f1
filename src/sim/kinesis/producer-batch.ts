import type { ScheduledEvent } from '../core/agenda.js';
import type { Simulation } from '../core/simulation.js';
import type { PutEntry } from './service.js';

/**
 * One Kinesis record on its way out: a user record, or a KPL aggregate of several. It is the
 * PutEntry handed to the service, so sending it allocates nothing more.
 */
export class Outgoing implements PutEntry {
  /** Failed sends so far; a retry is due while this stays within `retries.max`. */
  attempts = 0;

  constructor(
    public partitionKey: string,
    /** Data plus partition key, as Kinesis counts a record. */
    public size: number,
    public tag: number,
    /** When its (first) user record was generated. */
    public genAt: number,
    public users = 1,
    public aggregateTags: Float64Array | undefined = undefined,
    /** Generation time of each user record inside an aggregate; null for a single user record. */
    public userGen: Float64Array | null = null,
  ) {}
}

/**
 * A buffer of Kinesis records that leaves as one PutRecords call: when the next record would
 * pass the request's record count or size, or at the earliest deadline of what it holds.
 * PutRecords batching and KPL collection are both this.
 */
export class Collector {
  private entries: Outgoing[] = [];
  private bytes = 0;
  private deadline = Infinity;
  private timer: ScheduledEvent | null = null;
  /** User records waiting here. */
  users = 0;
  private readonly onTimer: () => void;

  constructor(
    private readonly sim: Simulation,
    private readonly label: string,
    private readonly maxRecords: number,
    private readonly maxBytes: number,
    private readonly send: (entries: Outgoing[]) => void,
  ) {
    this.onTimer = () => {
      this.timer = null;
      this.flush();
    };
  }

  /**
   * A deadline at the current time still waits for the end of the current event (a timer at
   * `now`), so one generation tick's records leave together rather than one call each.
   */
  add(entry: Outgoing, deadline: number): void {
    if (this.entries.length > 0 && this.bytes + entry.size > this.maxBytes) this.flush();
    this.entries.push(entry);
    this.bytes += entry.size;
    this.users += entry.users;
    if (this.entries.length >= this.maxRecords) {
      this.flush();
      return;
    }
    if (deadline < this.deadline) {
      this.deadline = deadline;
      if (this.timer) this.timer.cancelled = true;
      this.timer = this.sim.at(Math.max(deadline, this.sim.now), this.label, this.onTimer);
    }
  }

  flush(): void {
    if (this.timer) {
      this.timer.cancelled = true;
      this.timer = null;
    }
    const entries = this.entries;
    this.entries = [];
    this.bytes = 0;
    this.users = 0;
    this.deadline = Infinity;
    if (entries.length > 0) this.send(entries);
  }
}
