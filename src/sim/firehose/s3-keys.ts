import type { Rng } from '../core/rng.js';
import { formatPattern } from '../core/calendar.js';

// S3 object keys as Firehose builds them: `<evaluated prefix><suffix>`. The prefix's expressions
// (`!{timestamp:yyyy}`, `!{firehose:error-output-type}`, `!{firehose:random-string}`,
// `!{partitionKeyFromQuery:key}`) are evaluated per object; timestamps use the arrival time of the
// oldest record in the object, in UTC. A prefix with no timestamp expression gets the default
// `yyyy/MM/dd/HH/` appended, as Firehose does. The suffix is
// `<stream name>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><extension>`.

const EXPRESSION = /!\{([A-Za-z]+):([^}]*)\}/g;
const DEFAULT_TIME_PATH = 'yyyy/MM/dd/HH/';

export interface PrefixValues {
  /** Epoch ms of the oldest record's arrival (virtual clock on the scenario's start date). */
  oldestMs: number;
  errorType?: string;
  partitionKeys?: Readonly<Record<string, string>>;
  random(): string;
}

export function evaluatePrefix(template: string, values: PrefixValues): string {
  let timed = false;
  const evaluated = template.replace(EXPRESSION, (_, namespace: string, value: string) => {
    switch (namespace) {
      case 'timestamp':
        timed = true;
        return formatPattern(value, values.oldestMs);
      case 'firehose':
        return value === 'error-output-type' ? (values.errorType ?? '') : value === 'random-string' ? values.random() : '';
      case 'partitionKeyFromQuery':
      case 'partitionKeyFromLambda':
        return values.partitionKeys?.[value] ?? '';
      default:
        return '';
    }
  });
  return timed ? evaluated : evaluated + formatPattern(DEFAULT_TIME_PATH, values.oldestMs);
}

/** What AWS refuses in a prefix, as messages (empty when the prefix is fine). */
export function prefixProblems(template: string, kind: 'Prefix' | 'ErrorOutputPrefix', partitionKey: string | null): string[] {
  const problems: string[] = [];
  const opened = (template.match(/!\{/g) ?? []).length;
  const expressions = [...template.matchAll(EXPRESSION)];
  if (opened !== expressions.length) problems.push(`${kind} "${template}" has an expression that is not of the form !{namespace:value}`);
  for (const [whole, namespace, value] of expressions) {
    if (namespace === 'timestamp') {
      if (!/^[yuMdHmsS\-/_.=' ]+$/.test(value!)) problems.push(`${kind}: ${whole} is not a timestamp pattern Firehose evaluates (use letters yyyy MM dd HH mm ss)`);
    } else if (namespace === 'firehose') {
      if (value !== 'error-output-type' && value !== 'random-string') problems.push(`${kind}: ${whole} is not a firehose expression (error-output-type or random-string)`);
      if (value === 'error-output-type' && kind === 'Prefix') problems.push(`Prefix: ${whole} can only be used in the ErrorOutputPrefix`);
    } else if (namespace === 'partitionKeyFromQuery') {
      if (kind === 'ErrorOutputPrefix') problems.push(`ErrorOutputPrefix: ${whole} cannot be used in the error output prefix`);
      else if (partitionKey === null) problems.push(`Prefix: ${whole} needs dynamic partitioning enabled`);
      else if (value !== partitionKey) problems.push(`Prefix: ${whole} names a key the partitioning query does not produce (it produces "${partitionKey}")`);
    } else if (namespace !== 'partitionKeyFromLambda') {
      problems.push(`${kind}: unknown namespace in ${whole} (timestamp, firehose, partitionKeyFromQuery)`);
    }
  }
  if (kind === 'ErrorOutputPrefix' && expressions.length > 0 && !template.includes('!{firehose:error-output-type}')) {
    problems.push('ErrorOutputPrefix: an error output prefix with expressions must contain !{firehose:error-output-type}');
  }
  if (kind === 'Prefix' && partitionKey !== null && !expressions.some(([, ns]) => ns === 'partitionKeyFromQuery')) {
    problems.push(`Prefix: with dynamic partitioning the prefix must use the key, e.g. ${partitionKey}=!{partitionKeyFromQuery:${partitionKey}}/`);
  }
  return problems;
}

export function objectSuffix(name: string, version: number, writtenMs: number, uuid: string, extension: string): string {
  return `${name}-${version}-${formatPattern('yyyy-MM-dd-HH-mm-ss', writtenMs)}-${uuid}${extension}`;
}

function hex(rng: Rng, digits: number): string {
  let out = '';
  for (let i = 0; i < digits; i++) out += '0123456789abcdef'[rng.int(16)]!;
  return out;
}

/** A version-4-shaped UUID from the delivery stream's own random stream. */
export function uuid(rng: Rng): string {
  return `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-${'89ab'[rng.int(4)]!}${hex(rng, 3)}-${hex(rng, 12)}`;
}

/** `!{firehose:random-string}`: 11 characters, as AWS's example shows. */
export function randomString(rng: Rng): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 11; i++) out += alphabet[rng.int(alphabet.length)]!;
  return out;
}
