import { AwsError } from '../kinesis/errors.js';

// The nested parameters of `aws firehose create-delivery-stream` and `update-destination`
// (BufferingHints inside ExtendedS3DestinationConfiguration, Processors inside
// ProcessingConfiguration…), read from JSON or from the CLI's shorthand:
//   BucketARN=arn:aws:s3:::logs,BufferingHints={SizeInMBs=1,IntervalInSeconds=60},CompressionFormat=GZIP
// Lists are `[a,b]` or `[{…},{…}]`; a value may be quoted to hold `,` `{` `}` `[` `]`.
// The command table's own parser reads flat structures only, so these flags arrive as text.

export type CliValue = string | number | boolean | null | CliValue[] | { [key: string]: CliValue };

export function parseNested(flag: string, text: string): Record<string, CliValue> {
  const trimmed = text.trim();
  let value: unknown;
  if (trimmed.startsWith('{')) {
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      throw parseError(flag, `Invalid JSON: ${(e as Error).message}`);
    }
  } else {
    const reader = new Shorthand(flag, trimmed);
    value = reader.structure(true);
    reader.end();
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw parseError(flag, 'expected a structure (JSON object or Key=Value,…)');
  return value as Record<string, CliValue>;
}

function parseError(flag: string, message: string): AwsError {
  return new AwsError('InvalidArgumentException', `Error parsing parameter '--${flag}': ${message}`);
}

class Shorthand {
  private i = 0;

  constructor(
    private readonly flag: string,
    private readonly text: string,
  ) {}

  end(): void {
    if (this.i < this.text.length) throw this.error(`unexpected '${this.text[this.i]}'`);
  }

  /** Key=Value pairs; at top level up to the end, nested up to the closing brace. */
  structure(top: boolean): Record<string, CliValue> {
    const out: Record<string, CliValue> = {};
    for (;;) {
      if (!top && this.peek() === '}') return out;
      if (this.i >= this.text.length) {
        if (top) return out;
        throw this.error("expected '}'");
      }
      const eq = this.text.indexOf('=', this.i);
      if (eq === -1) throw this.error("expected '='");
      const key = this.text.slice(this.i, eq).trim();
      if (!/^[A-Za-z0-9_.-]+$/.test(key)) throw this.error(`expected a key before '=', got "${key}"`);
      this.i = eq + 1;
      out[key] = this.value();
      if (this.peek() === ',') this.i++;
      else if (!top && this.i >= this.text.length) throw this.error("expected '}'");
      else if (top ? this.i < this.text.length : this.peek() !== '}') throw this.error(`expected ',' after ${key}`);
    }
  }

  private value(): CliValue {
    const c = this.peek();
    if (c === '{') {
      this.i++;
      const s = this.structure(false);
      this.i++; // the closing brace
      return s;
    }
    if (c === '[') {
      this.i++;
      const items: CliValue[] = [];
      while (this.peek() !== ']') {
        if (this.i >= this.text.length) throw this.error("expected ']'");
        items.push(this.value());
        if (this.peek() === ',') this.i++;
      }
      this.i++;
      return items;
    }
    if (c === '"' || c === "'") {
      const close = this.text.indexOf(c, this.i + 1);
      if (close === -1) throw this.error(`expected a closing ${c}`);
      const v = this.text.slice(this.i + 1, close);
      this.i = close + 1;
      return v;
    }
    const start = this.i;
    while (this.i < this.text.length && !',}]'.includes(this.text[this.i]!)) this.i++;
    return this.text.slice(start, this.i).trim();
  }

  private peek(): string | undefined {
    return this.text[this.i];
  }

  private error(message: string): AwsError {
    return parseError(this.flag, `${message} at position ${this.i} in: ${this.text}`);
  }
}

// --- typed reads ------------------------------------------------------------------------------

/** Refuses members the API does not have, as the CLI's parameter validation does. */
export function onlyMembers(where: string, value: Record<string, CliValue>, members: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!members.includes(key)) throw new AwsError('ValidationException', `Parameter validation failed: Unknown parameter in ${where}: "${key}", must be one of: ${members.join(', ')}`);
  }
}

export function str(where: string, v: CliValue | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidType(where, v, 'string');
  return v;
}

export function num(where: string, v: CliValue | undefined): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[+-]?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
  if (Number.isNaN(n)) throw invalidType(where, v, 'integer');
  return n;
}

export function bool(where: string, v: CliValue | undefined): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw invalidType(where, v, 'boolean');
}

export function obj(where: string, v: CliValue | undefined): Record<string, CliValue> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw invalidType(where, v, 'structure');
  return v;
}

export function list(where: string, v: CliValue | undefined): CliValue[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalidType(where, v, 'list');
  return v;
}

function invalidType(where: string, v: CliValue, type: string): AwsError {
  const actual = Array.isArray(v) ? 'list' : typeof v === 'object' ? 'structure' : typeof v;
  return new AwsError('ValidationException', `Parameter validation failed: Invalid type for parameter ${where}, value: ${JSON.stringify(v)}, type: ${actual}, valid types: ${type}`);
}
