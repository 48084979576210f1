import { IOT } from '../limits.js';

// MQTT topic names and filters as IoT Core reads them: `/`-separated levels, `+` for one level
// and `#` for the rest (filters only), and the spec's rule that a filter starting with a
// wildcard never matches a topic starting with `$` (reserved topics such as `$aws/…`).

const MAX_BYTES = IOT.topicBytes.values[0]!.amount;
const MAX_SLASHES = IOT.topicSlashes.values[0]!.amount;

export const BASIC_INGEST_PREFIX = '$aws/rules/';

/** UTF-8 length without allocating (topics and payloads are measured on every publish). */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function slashes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 47) n++;
  return n;
}

/**
 * `$aws/rules/NAME/rest`: the rule a Basic Ingest topic names and the topic the rule sees
 * (the prefix is not available to the rule's topic() function).
 */
export function basicIngest(topic: string): { rule: string; rest: string } | null {
  if (!topic.startsWith(BASIC_INGEST_PREFIX)) return null;
  const end = topic.indexOf('/', BASIC_INGEST_PREFIX.length);
  if (end === -1) return { rule: topic.slice(BASIC_INGEST_PREFIX.length), rest: '' };
  return { rule: topic.slice(BASIC_INGEST_PREFIX.length, end), rest: topic.slice(end + 1) };
}

/** Why a topic cannot be published to, or null when it can. */
export function publishTopicProblem(topic: string): string | null {
  if (topic.length === 0) return 'the topic is empty';
  if (topic.includes('+') || topic.includes('#')) return `topic "${topic}" contains a wildcard; + and # are only for topic filters`;
  if (topic.includes('\u0000')) return `topic "${topic}" contains the null character`;
  const bytes = utf8Bytes(topic);
  if (bytes > MAX_BYTES) return `topic is ${bytes} bytes; the limit is ${MAX_BYTES} bytes of UTF-8`;
  const ingest = basicIngest(topic);
  if (ingest) {
    if (ingest.rule === '' || ingest.rest === '') return `Basic Ingest topic "${topic}" needs a rule name and a topic after it ($aws/rules/RULE/TOPIC)`;
    // The three slashes of `$aws/rules/NAME/` do not count against the limit.
    if (slashes(ingest.rest) > MAX_SLASHES) return `topic has ${slashes(ingest.rest)} slashes after its Basic Ingest prefix; the limit is ${MAX_SLASHES}`;
    return null;
  }
  const n = slashes(topic);
  if (n > MAX_SLASHES) return `topic has ${n} forward slashes; the limit is ${MAX_SLASHES} (8 levels)`;
  return null;
}

/** Why a topic filter is not valid, or null when it is. */
export function filterProblem(filter: string): string | null {
  if (filter.length === 0) return 'the topic filter is empty';
  if (filter.includes('\u0000')) return `topic filter "${filter}" contains the null character`;
  const bytes = utf8Bytes(filter);
  if (bytes > MAX_BYTES) return `topic filter is ${bytes} bytes; the limit is ${MAX_BYTES} bytes of UTF-8`;
  const n = slashes(filter);
  if (n > MAX_SLASHES) return `topic filter has ${n} forward slashes; the limit is ${MAX_SLASHES} (8 levels)`;
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) return `"#" must be a whole level and the last one ("${filter}")`;
    if (level.includes('+') && level !== '+') return `"+" must be a whole level ("${filter}")`;
  }
  return null;
}

/** Whether `filter` (assumed valid) matches `topic` (assumed valid). */
export function topicMatches(filter: string, topic: string): boolean {
  return compileFilter(filter)(topic);
}

/** A matcher for one filter: the filter is split once, not on every message. */
export function compileFilter(filter: string): (topic: string) => boolean {
  if (!filter.includes('+') && !filter.includes('#')) return (topic) => topic === filter;
  const levels = filter.split('/');
  const wildFirst = levels[0] === '+' || levels[0] === '#';
  return (topic) => {
    if (wildFirst && topic.charCodeAt(0) === 36) return false; // '$'
    const parts = topic.split('/');
    for (let i = 0; i < levels.length; i++) {
      const f = levels[i]!;
      // `#` also matches the parent level: `sport/#` matches `sport`.
      if (f === '#') return parts.length >= i;
      if (i >= parts.length) return false;
      if (f !== '+' && f !== parts[i]) return false;
    }
    return levels.length === parts.length;
  };
}

/** `$aws/things/THING/shadow[/name/NAME]/OPERATION[/…]`, split into its parts. */
export function shadowTopic(topic: string): { thing: string; shadow: string | null; operation: string } | null {
  if (!topic.startsWith('$aws/things/')) return null;
  const parts = topic.split('/');
  if (parts.length < 5 || parts[3] !== 'shadow') return null;
  const thing = parts[2]!;
  if (parts[4] === 'name') {
    if (parts.length < 7) return null;
    return { thing, shadow: parts[5]!, operation: parts.slice(6).join('/') };
  }
  return { thing, shadow: null, operation: parts.slice(4).join('/') };
}

/** The topic prefix of a shadow: `$aws/things/T/shadow` or `$aws/things/T/shadow/name/N`. */
export function shadowPrefix(thing: string, shadow: string | null): string {
  return shadow === null ? `$aws/things/${thing}/shadow` : `$aws/things/${thing}/shadow/name/${shadow}`;
}
