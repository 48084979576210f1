import { SQS_PRICES } from '../cost/prices.js';
import type { ScheduledEvent } from '../core/agenda.js';
import { GaugeSeries, Series } from '../core/metrics.js';
import type { Rng } from '../core/rng.js';
import type { Simulation } from '../core/simulation.js';
import { WindowLimiter } from '../kinesis/bucket.js';
import { SQS } from '../limits.js';
import { highThroughput, type QueueConfig } from './attributes.js';
import { DELAYED, GONE, IN_FLIGHT, Message, VISIBLE, type Group, type MessageState } from './message.js';
import { Deque, TimerQueue } from './structures.js';

// One queue's storage and clock: visible messages, messages in flight until their visibility
// timeout, delayed messages, FIFO message groups, long-poll requests waiting for a message, and
// the counters its metrics report. It knows nothing of the API's strings: the service validates
// requests and shapes responses, and moves messages between queues.

/** Engine choices where AWS publishes no figure. */
export const SQS_TIMINGS = {
  /**
   * A standard queue's messages are spread over this many storage units. A short poll samples
   * `shortPollSample` of them, so with few messages it often comes back empty or short, as AWS
   * documents ("queries only a subset of the servers"); a long poll queries them all.
   */
  servers: 8,
  shortPollSample: 4,
  /** Retention and the oldest-message age are checked once a virtual second. */
  sweepMs: 1000,
} as const;

const IN_FLIGHT_STANDARD = SQS.inFlightStandard.values[0]!.amount;
const IN_FLIGHT_FIFO = SQS.inFlightFifo.values[0]!.amount;
const FIFO_CALLS = SQS.fifoCallsPerSecond.values[0]!.amount;
const FIFO_HT_CALLS = SQS.fifoHighThroughputCallsPerSecond.values[0]!.amount;

export interface QueueHooks {
  /** Moves a message whose next receive would pass maxReceiveCount; false leaves it here (no DLQ). */
  moveToDeadLetter(queue: Queue, message: Message): boolean;
}

export interface Waiter {
  max: number;
  visibilityMs: number;
  deliver(messages: Message[]): void;
  timer: ScheduledEvent | null;
  done: boolean;
}

/** Counters reported as `sqs.queues.NAME` (docs/scenarios.md names each). */
export class QueueCounters {
  sent = 0;
  deduplicated = 0;
  sendThrottled = 0;
  sendRejected = 0;
  received = 0;
  receiveCalls = 0;
  receiveThrottled = 0;
  emptyReceives = 0;
  deliveredMoreThanOnce = 0;
  duplicatesDelivered = 0;
  deleted = 0;
  staleDeletes = 0;
  maxInFlight = 0;
  maxOldestMessageAgeMs = 0;
  movedToDlq = 0;
  movedIn = 0;
  redriven = 0;
  expired = 0;
  purged = 0;
  overLimit = 0;
  visibilityChanges = 0;
  /** API requests as SQS bills them: admitted calls, each 64 KiB chunk of a payload one more. */
  requests = 0;
}

/** SQS bills every 64 KB (65,536 bytes) of a request's payload as one request: the price table's unit. */
export const REQUEST_CHUNK_BYTES = SQS_PRICES.requestChunkBytes;

export function billedRequests(payloadBytes: number): number {
  return Math.max(1, Math.ceil(payloadBytes / REQUEST_CHUNK_BYTES));
}

export class Queue {
  readonly counters = new QueueCounters();
  readonly series = {
    sent: new Series(),
    received: new Series(),
    deleted: new Series(),
    inFlight: new GaugeSeries(),
    visible: new GaugeSeries(),
  };
  visibleCount = 0;
  inFlightCount = 0;
  delayedCount = 0;
  nextFifoSeq = 0;
  lastModified: number;
  lastPurgeAt = -Infinity;
  deleted = false;
  /** Messages received through the API, by `seq`, so a receipt handle finds its message. */
  readonly handles = new Map<number, Message>();

  private nextSeq = 0;
  /** Every stored message in arrival order: retention and the oldest age walk it from the front. */
  private log = new Deque<Message>();
  private readonly servers: Deque<Message>[] = [];
  private readonly groups = new Map<string, Group>();
  private readonly ready = new Deque<Group>();
  private readonly visibility = new TimerQueue<Message>();
  private readonly delays = new TimerQueue<Message>();
  private readonly waiters = new Deque<Waiter>();
  private timer: ScheduledEvent | null = null;
  private readonly popped: { item: Message | undefined; tag: number; time: number } = { item: undefined, tag: 0, time: 0 };
  readonly limiters: { send: WindowLimiter; receive: WindowLimiter; delete: WindowLimiter; change: WindowLimiter } | null;
  /** High-throughput FIFO: each message group (its partition) has its own call allowance. */
  private readonly groupLimiters = new Map<string, WindowLimiter>();
  /** The FIFO group takeFifo is reading. */
  private scanning: Group | null = null;

  constructor(
    private readonly sim: Simulation,
    readonly name: string,
    readonly arn: string,
    readonly url: string,
    public config: QueueConfig,
    /** Standard queues: the share of messages stored twice (engine setting, not an AWS attribute). */
    public duplicateRate: number,
    private readonly rng: Rng,
    private readonly hooks: QueueHooks,
    readonly createdAt: number,
  ) {
    this.lastModified = createdAt;
    for (let i = 0; i < SQS_TIMINGS.servers; i++) this.servers.push(new Deque<Message>());
    this.limiters = config.fifo ? this.makeLimiters() : null;
  }

  private makeLimiters() {
    const calls = highThroughput(this.config) ? FIFO_HT_CALLS : FIFO_CALLS;
    return { send: new WindowLimiter(calls), receive: new WindowLimiter(calls), delete: new WindowLimiter(calls), change: new WindowLimiter(calls) };
  }

  get fifo(): boolean {
    return this.config.fifo;
  }

  get inFlightLimit(): number {
    return this.fifo ? IN_FLIGHT_FIFO : IN_FLIGHT_STANDARD;
  }

  /** Settings changed: throughput limits follow the high-throughput attributes. */
  reconfigure(config: QueueConfig, now: number): void {
    this.config = config;
    this.lastModified = now;
    if (this.limiters) {
      const calls = highThroughput(config) ? FIFO_HT_CALLS : FIFO_CALLS;
      for (const l of Object.values(this.limiters)) l.setLimit(now, calls);
    }
  }

  /**
   * Takes one call from a FIFO action's allowance (and, in high-throughput mode, from each message
   * group's); false means ThrottlingException. Standard queues are not throttled.
   */
  admit(action: 'send' | 'receive' | 'delete' | 'change', groups?: readonly (string | null)[], payloadBytes = 0): boolean {
    if (this.limiters && !this.takeAllowance(action, groups)) return false;
    // A refused call is not counted as billed, as Kinesis's refused records are not.
    this.counters.requests += billedRequests(payloadBytes);
    return true;
  }

  private takeAllowance(action: 'send' | 'receive' | 'delete' | 'change', groups?: readonly (string | null)[]): boolean {
    const now = this.sim.now;
    const limiter = this.limiters![action];
    if (!limiter.canTake(now, 1)) return false;
    if (groups && highThroughput(this.config)) {
      for (const g of groups) {
        if (g !== null && !this.groupLimiter(g).canTake(now, 1)) return false;
      }
      for (const g of new Set(groups)) if (g !== null) this.groupLimiter(g).take(now, 1);
    }
    limiter.take(now, 1);
    return true;
  }

  private groupLimiter(id: string): WindowLimiter {
    let l = this.groupLimiters.get(id);
    if (!l) this.groupLimiters.set(id, (l = new WindowLimiter(FIFO_CALLS)));
    return l;
  }

  // --- arrival -------------------------------------------------------------------------------

  /**
   * Stores a message (already validated and deduplicated) and makes it visible after `delayMs`.
   * A standard queue stores a share of new messages twice, as at-least-once delivery allows.
   */
  enqueue(message: Message, delayMs: number, mayDuplicate = true): void {
    this.store(message, delayMs);
    if (mayDuplicate && !this.fifo && this.duplicateRate > 0 && this.rng.next() < this.duplicateRate) this.store(message.duplicate(), delayMs);
  }

  private store(message: Message, delayMs: number): void {
    const now = this.sim.now;
    message.seq = this.nextSeq++;
    message.server = this.fifo ? 0 : this.rng.int(SQS_TIMINGS.servers);
    if (this.fifo) {
      message.fifoSeq = this.nextFifoSeq++;
      const group = this.group(message.groupId ?? '');
      message.group = group;
      group.messages.push(message);
    }
    this.log.push(message);
    if (delayMs > 0) {
      message.state = DELAYED;
      message.visibleAt = now + delayMs;
      this.delayedCount++;
      this.delays.push(message.visibleAt, message, 0);
      this.arm(message.visibleAt);
    } else {
      this.makeVisible(message);
    }
  }

  private group(id: string): Group {
    let g = this.groups.get(id);
    if (!g) this.groups.set(id, (g = { id, messages: new Deque<Message>(), inFlight: 0, ready: false }));
    return g;
  }

  private makeVisible(message: Message): void {
    message.state = VISIBLE;
    this.visibleCount++;
    this.series.visible.observe(this.sim.now, this.visibleCount);
    if (this.fifo) this.maybeReady(message.group!);
    else this.servers[message.server]!.push(message);
  }

  /** A group is ready when nothing of it is in flight and its first message is visible. */
  private maybeReady(g: Group): void {
    if (g.ready || g.inFlight > 0) return;
    while (g.messages.size > 0 && g.messages.peek()!.state === GONE) g.messages.shift();
    const head = g.messages.peek();
    if (head && head.state === VISIBLE) {
      g.ready = true;
      this.ready.push(g);
    } else if (!head) {
      this.groups.delete(g.id);
    }
  }

  // --- receiving -----------------------------------------------------------------------------

  /**
   * Up to `max` messages now, each now in flight for `visibilityMs`. A short poll of a standard
   * queue samples some storage units only. Messages past retention expire and messages past
   * maxReceiveCount move to the dead-letter queue on the way, as on AWS.
   */
  take(max: number, visibilityMs: number, shortPoll: boolean): Message[] {
    const out: Message[] = [];
    if (this.inFlightCount >= this.inFlightLimit) return out;
    if (this.fifo) this.takeFifo(max, visibilityMs, out);
    else this.takeStandard(max, visibilityMs, shortPoll, out);
    // The receive was billed as one request when admitted; a larger answer bills its other chunks.
    let bytes = 0;
    for (const m of out) bytes += m.size;
    this.counters.requests += billedRequests(bytes) - 1;
    return out;
  }

  private takeStandard(max: number, visibilityMs: number, shortPoll: boolean, out: Message[]): void {
    const n = SQS_TIMINGS.servers;
    let first = 0;
    let count: number = n;
    if (shortPoll) {
      first = this.rng.int(n);
      count = SQS_TIMINGS.shortPollSample;
    }
    while (out.length < max && this.visibleCount > 0 && this.inFlightCount < this.inFlightLimit) {
      // The sampled unit whose front message is oldest: near-FIFO, never guaranteed.
      let best: Deque<Message> | null = null;
      let bestSeq = Infinity;
      for (let k = 0; k < count; k++) {
        const server = this.servers[(first + k) % n]!;
        let head = server.peek();
        while (head && head.state !== VISIBLE) {
          server.shift();
          head = server.peek();
        }
        if (head && head.seq < bestSeq) {
          best = server;
          bestSeq = head.seq;
        }
      }
      if (!best) break;
      const message = best.shift()!;
      this.offer(message, visibilityMs, out);
    }
  }

  private takeFifo(max: number, visibilityMs: number, out: Message[]): void {
    while (out.length < max && this.inFlightCount < this.inFlightLimit) {
      const g = this.ready.shift();
      if (!g) break;
      g.ready = false;
      this.scanning = g;
      // As many of one group as the request allows, in order, before the next group.
      for (let i = 0; out.length < max && this.inFlightCount < this.inFlightLimit; ) {
        const message = g.messages.at(i);
        if (!message || message.state === DELAYED) break;
        if (message.state === GONE) {
          if (i === 0) g.messages.shift();
          else i++;
          continue;
        }
        if (message.state === IN_FLIGHT) {
          i++;
          continue;
        }
        const delivered = this.offer(message, visibilityMs, out);
        if (delivered) g.inFlight++;
        if ((message.state as MessageState) === GONE && i === 0) g.messages.shift();
        else i++;
      }
      this.scanning = null;
      this.maybeReady(g);
    }
  }

  /** Delivers one visible message, unless it has expired or belongs in the dead-letter queue. */
  private offer(message: Message, visibilityMs: number, out: Message[]): boolean {
    const now = this.sim.now;
    if (now - message.sentAt >= this.config.messageRetentionPeriod * 1000) {
      this.remove(message);
      this.counters.expired++;
      return false;
    }
    const redrive = this.config.redrivePolicy;
    if (redrive && message.receiveCount + 1 > redrive.maxReceiveCount && this.hooks.moveToDeadLetter(this, message)) {
      this.counters.movedToDlq++;
      return false;
    }
    message.state = IN_FLIGHT;
    message.receiveCount++;
    message.receivedAt = now;
    if (message.firstReceiveAt < 0) message.firstReceiveAt = now;
    message.visibleAt = now + visibilityMs;
    this.visibleCount--;
    this.inFlightCount++;
    if (this.inFlightCount > this.counters.maxInFlight) this.counters.maxInFlight = this.inFlightCount;
    this.series.inFlight.observe(now, this.inFlightCount);
    this.visibility.push(message.visibleAt, message, message.receiveCount);
    this.arm(message.visibleAt);
    const origin = message.origin;
    origin.deliveries++;
    if (origin.deliveries === 2) this.counters.deliveredMoreThanOnce++;
    if (origin.deliveries > 1) this.counters.duplicatesDelivered++;
    this.counters.received++;
    this.series.received.add(now);
    out.push(message);
    return true;
  }

  /** Registers a long poll; `dispatch` serves it when a message becomes visible. */
  wait(waiter: Waiter): void {
    this.waiters.push(waiter);
  }

  get waiting(): number {
    return this.waiters.size;
  }

  /** Serves waiting long polls while messages are available. */
  dispatch(): void {
    while (this.waiters.size > 0 && this.visibleCount > 0 && this.inFlightCount < this.inFlightLimit) {
      const w = this.waiters.shift()!;
      if (w.done) continue;
      const messages = this.take(w.max, w.visibilityMs, false);
      if (messages.length === 0) {
        this.waiters.unshift(w);
        return;
      }
      w.done = true;
      if (w.timer) w.timer.cancelled = true;
      w.deliver(messages);
    }
  }

  // --- after a receive -----------------------------------------------------------------------

  /** Deletes a stored message, whatever its state. */
  delete(message: Message): void {
    this.remove(message);
    this.counters.deleted++;
    this.series.deleted.add(this.sim.now);
    this.dispatch();
  }

  /** Takes a message out of its queue (deleted, expired, purged or moved away). */
  remove(message: Message): void {
    switch (message.state) {
      case VISIBLE:
        this.visibleCount--;
        break;
      case IN_FLIGHT:
        this.inFlightCount--;
        if (message.group) message.group.inFlight--;
        break;
      case DELAYED:
        this.delayedCount--;
        break;
      default:
        return;
    }
    message.state = GONE;
    // The group being read by takeFifo is settled when that read ends, not under its feet.
    if (message.group && message.group !== this.scanning) this.maybeReady(message.group);
  }

  /** A new visibility timeout from now; 0 makes the message visible at once. */
  changeVisibility(message: Message, visibilityMs: number): void {
    const now = this.sim.now;
    message.visibleAt = now + visibilityMs;
    this.counters.visibilityChanges++;
    if (visibilityMs === 0) {
      this.returnToQueue(message);
      this.dispatch();
      return;
    }
    this.visibility.push(message.visibleAt, message, message.receiveCount);
    this.arm(message.visibleAt);
  }

  private returnToQueue(message: Message): void {
    this.inFlightCount--;
    if (message.group) message.group.inFlight--;
    this.makeVisible(message);
    if (message.group) this.maybeReady(message.group);
  }

  // --- timers --------------------------------------------------------------------------------

  /** One agenda event per queue, at the earliest visibility timeout or delay still to come. */
  private arm(at: number): void {
    if (this.timer && !this.timer.cancelled && this.timer.time <= at) return;
    if (this.timer) this.timer.cancelled = true;
    this.timer = this.sim.at(Math.max(at, this.sim.now), `sqs:${this.name}:visibility`, () => this.fire());
  }

  private fire(): void {
    this.timer = null;
    const now = this.sim.now;
    const p = this.popped;
    while (this.visibility.peekTime() <= now) {
      this.visibility.pop(p);
      const m = p.item!;
      // Stale entries: deleted, received again, or given another timeout since.
      if (m.state === IN_FLIGHT && m.receiveCount === p.tag && m.visibleAt === p.time) this.returnToQueue(m);
    }
    while (this.delays.peekTime() <= now) {
      this.delays.pop(p);
      const m = p.item!;
      if (m.state === DELAYED && m.visibleAt === p.time) {
        this.delayedCount--;
        this.makeVisible(m);
      }
    }
    p.item = undefined;
    const next = Math.min(this.visibility.peekTime(), this.delays.peekTime());
    if (next !== Infinity) this.arm(next);
    this.dispatch();
  }

  /** Retention, and the oldest message's age for the metrics; the service calls it once a second. */
  sweep(): void {
    const now = this.sim.now;
    const retention = this.config.messageRetentionPeriod * 1000;
    for (;;) {
      const m = this.log.peek();
      if (!m) break;
      if (m.state === GONE) {
        this.log.shift();
        continue;
      }
      if (now - m.sentAt < retention) break;
      this.log.shift();
      this.remove(m);
      this.counters.expired++;
    }
    const oldest = this.log.peek();
    if (oldest) {
      const age = now - oldest.sentAt;
      if (age > this.counters.maxOldestMessageAgeMs) this.counters.maxOldestMessageAgeMs = age;
    }
    this.series.inFlight.observe(now, this.inFlightCount);
    this.series.visible.observe(now, this.visibleCount);
    this.dispatch();
  }

  /** Age of the oldest message still stored, in ms (0 when empty). */
  oldestAge(): number {
    while (this.log.size > 0 && this.log.peek()!.state === GONE) this.log.shift();
    const oldest = this.log.peek();
    return oldest ? this.sim.now - oldest.sentAt : 0;
  }

  /** Deletes every stored message (PurgeQueue); returns how many. */
  purge(): number {
    let n = 0;
    for (const m of this.log) {
      if (m.state === GONE) continue;
      this.remove(m);
      n++;
    }
    this.log.clear();
    for (const s of this.servers) s.clear();
    this.groups.clear();
    this.ready.clear();
    this.visibility.clear();
    this.delays.clear();
    this.counters.purged += n;
    this.lastPurgeAt = this.sim.now;
    return n;
  }

  /** Visible messages in delivery order, for a message move task (taken without a receive). */
  takeForMove(max: number): Message[] {
    const out: Message[] = [];
    if (this.fifo) {
      for (const g of this.ready) {
        for (const m of g.messages) {
          if (m.state === GONE) continue;
          if (out.length >= max || m.state !== VISIBLE) break;
          out.push(m);
        }
        if (out.length >= max) break;
      }
    } else {
      for (const m of this.log) {
        if (out.length >= max) break;
        if (m.state === VISIBLE) out.push(m);
      }
    }
    for (const m of out) this.remove(m);
    return out;
  }

  /** Stops every waiting long poll (the queue was deleted): each gets an empty answer. */
  close(): void {
    this.deleted = true;
    if (this.timer) this.timer.cancelled = true;
    for (const w of this.waiters) {
      if (w.done) continue;
      w.done = true;
      if (w.timer) w.timer.cancelled = true;
      w.deliver([]);
    }
    this.waiters.clear();
  }

  /** The handle issued at the message's latest receive is the only one that still deletes it. */
  isCurrent(message: Message, receipt: number): boolean {
    return message.receiveCount === receipt;
  }
}
