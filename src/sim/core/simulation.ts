import { Agenda, type ScheduledEvent } from './agenda.js';
import { createRng, type Rng } from './rng.js';

export interface TraceEntry {
  time: number;
  label: string;
}

/**
 * The virtual clock and its agenda. Nothing here reads the wall clock: time moves only when the
 * next event runs, so an hour of traffic takes as long as its events take to compute.
 */
export class Simulation {
  private readonly agenda = new Agenda();
  private clock = 0;
  readonly rng: Rng;
  readonly trace: TraceEntry[] | null;
  private eventsRun = 0;

  constructor(options: { seed: number; trace?: boolean }) {
    this.rng = createRng(options.seed);
    this.trace = options.trace ? [] : null;
  }

  /** Virtual time in milliseconds. */
  get now(): number {
    return this.clock;
  }

  get eventCount(): number {
    return this.eventsRun;
  }

  at(time: number, label: string, run: () => void): ScheduledEvent {
    if (!(time >= this.clock)) throw new Error(`cannot schedule "${label}" at ${time} ms: the clock is at ${this.clock} ms`);
    return this.agenda.push(time, label, run);
  }

  after(delayMs: number, label: string, run: () => void): ScheduledEvent {
    return this.at(this.clock + Math.max(0, delayMs), label, run);
  }

  /** Runs `run` every `periodMs` from `startMs` while it returns anything but false. */
  every(periodMs: number, label: string, run: () => boolean | void, startMs = this.clock): { cancel(): void } {
    let current: ScheduledEvent | null = null;
    let stopped = false;
    const tick = () => {
      if (stopped) return;
      if (run() === false) return;
      current = this.after(periodMs, label, tick);
    };
    current = this.at(startMs, label, tick);
    return {
      cancel: () => {
        stopped = true;
        if (current) current.cancelled = true;
      },
    };
  }

  /** Runs every event due up to and including `endMs`, then leaves the clock at `endMs`. */
  runUntil(endMs: number): void {
    for (;;) {
      const next = this.agenda.peek();
      if (!next || next.time > endMs) break;
      this.agenda.pop();
      this.clock = next.time;
      this.eventsRun++;
      if (this.trace) this.trace.push({ time: next.time, label: next.label });
      next.run();
    }
    if (endMs > this.clock) this.clock = endMs;
  }
}
