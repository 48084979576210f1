import { civil } from '../core/calendar.js';
import { createHash } from 'node:crypto';
import { ACCOUNT, REGION } from '../kinesis/errors.js';

// The strings SQS hands out: queue URLs and ARNs, message ids, FIFO sequence numbers, receipt
// handles, and the body digests. All derived from numbers the engine counts, so runs repeat.

export function queueUrl(name: string): string {
  return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`;
}

export function queueArn(name: string): string {
  return `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
}

const URL_FORM = /^https?:\/\/(?:sqs\.[a-z0-9-]+\.amazonaws\.com|[a-z0-9-]+\.queue\.amazonaws\.com|localhost(?::\d+)?)\/(\d{12})\/([^/]+)$/;
const ARN_FORM = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:(\d{12}):(.+)$/;

/** The queue name in a queue URL, or null when the URL is not one. */
export function nameFromUrl(url: string): string | null {
  const m = URL_FORM.exec(url.trim());
  return m && m[1] === ACCOUNT ? m[2]! : null;
}

export function nameFromArn(arn: string): string | null {
  const m = ARN_FORM.exec(arn.trim());
  return m && m[1] === ACCOUNT ? m[2]! : null;
}

export function isArn(text: string): boolean {
  return /^arn:[^:]*:[^:]*:[^:]*:[^:]*:.+$/.test(text);
}

function mix(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function hex8(x: number): string {
  return x.toString(16).padStart(8, '0');
}

/** A version-4-shaped UUID that is a pure function of a number (MessageIds, request ids). */
export function uuidOf(n: number, salt = 0): string {
  const a = mix(n ^ salt);
  const b = mix(a ^ n);
  const c = mix(b + 1);
  const d = mix(c + n);
  const h = hex8(a) + hex8(b) + hex8(c) + hex8(d);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** FIFO sequence numbers: 20 digits, increasing within a queue. */
export function sequenceNumberOf(fifoSeq: number): string {
  return (18_000_000_000_000_000_000n + BigInt(fifoSeq) * 65_536n).toString();
}

const HANDLE_PREFIX = 'AQEB';

/** Opaque-looking, but it names the queue, the stored message and the receive that issued it. */
export function receiptHandle(queueName: string, seq: number, receive: number, uid: number): string {
  return HANDLE_PREFIX + Buffer.from(`${queueName}|${seq}|${receive}|${uuidOf(uid)}`, 'utf8').toString('base64');
}

export function parseReceiptHandle(handle: string): { queue: string; seq: number; receive: number } | null {
  if (!handle.startsWith(HANDLE_PREFIX)) return null;
  const text = Buffer.from(handle.slice(HANDLE_PREFIX.length), 'base64').toString('utf8');
  const m = /^(.+)\|(\d+)\|(\d+)\|[0-9a-f-]{36}$/.exec(text);
  return m ? { queue: m[1]!, seq: Number(m[2]), receive: Number(m[3]) } : null;
}

export function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** ISO 8601 for virtual milliseconds (epoch 0 is the start of a run), without touching Date. */
export function isoTime(ms: number): string {
  const c = civil(Math.floor(ms));
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(c.year, 4)}-${p(c.month)}-${p(c.day)}T${p(c.hour)}:${p(c.minute)}:${p(c.second)}.${p(c.millisecond, 3)}Z`;
}
