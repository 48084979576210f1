import type { Deque } from './structures.js';

// One stored message. Plain numeric states and one object per message, because a busy run keeps
// hundreds of thousands of them in flight.

export const DELAYED = 0;
export const VISIBLE = 1;
export const IN_FLIGHT = 2;
/** Deleted, expired, purged or moved to another queue: containers drop it when they meet it. */
export const GONE = 3;

export type MessageState = typeof DELAYED | typeof VISIBLE | typeof IN_FLIGHT | typeof GONE;

/** A FIFO message group: its messages in order, and how many of them are in flight (it is blocked while any is). */
export interface Group {
  id: string;
  /** Messages in sequence order, in-flight ones included (they return to the front if not deleted). */
  messages: Deque<Message>;
  inFlight: number;
  /** Listed in the queue's ready list: not blocked, and its first message is visible. */
  ready: boolean;
}

export interface MessageInit {
  uid: number;
  logical: number;
  sentAt: number;
  firstSentAt: number;
  size: number;
  body: string | null;
  groupId: string | null;
  dedupId: string | null;
  poison: boolean;
  /** ARN of the queue it was moved from (dead-letter queues: DeadLetterQueueSourceArn). */
  sourceArn: string | null;
  /** Generated traffic with `customers`: whose message it is, and its place in that customer's sequence. */
  order?: MessageOrder | null;
}

export interface MessageOrder {
  customer: number;
  seq: number;
}

export class Message {
  /** The MessageId, as a number (one message keeps it across at-least-once copies and moves). */
  readonly uid: number;
  /** The producer's message: a producer retry re-sends the same logical message under a new MessageId. */
  readonly logical: number;
  /** Enqueue time in this queue (retention and age); a standard queue's DLQ keeps the original. */
  sentAt: number;
  /** When the message was first sent anywhere (latency to delete). */
  readonly firstSentAt: number;
  readonly size: number;
  readonly body: string | null;
  readonly groupId: string | null;
  readonly dedupId: string | null;
  readonly poison: boolean;
  readonly sourceArn: string | null;
  readonly order: MessageOrder | null;
  /** Unique within the queue; receipt handles carry it. */
  seq = 0;
  /** FIFO SequenceNumber. */
  fifoSeq = 0;
  state: MessageState = DELAYED;
  /** ApproximateReceiveCount of this copy; a receipt handle is valid for the receive that issued it. */
  receiveCount = 0;
  visibleAt = 0;
  receivedAt = 0;
  firstReceiveAt = -1;
  /** Short-polling sample unit (standard queues). */
  server = 0;
  group: Group | null = null;
  /** The copy that counts deliveries for this MessageId (itself, unless this is an at-least-once duplicate). */
  origin: Message;
  /** Receives of any copy of this message in this queue (kept on the origin). */
  deliveries = 0;

  constructor(init: MessageInit) {
    this.uid = init.uid;
    this.logical = init.logical;
    this.sentAt = init.sentAt;
    this.firstSentAt = init.firstSentAt;
    this.size = init.size;
    this.body = init.body;
    this.groupId = init.groupId;
    this.dedupId = init.dedupId;
    this.poison = init.poison;
    this.sourceArn = init.sourceArn;
    this.order = init.order ?? null;
    this.origin = this;
  }

  /** A second stored copy of the same message (what makes a standard queue at-least-once). */
  duplicate(): Message {
    const copy = new Message(this);
    copy.origin = this.origin;
    return copy;
  }
}
