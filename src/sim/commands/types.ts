// The shape of a service's command table. Each AWS service the engine models gets one table
// (kinesis.ts today; Firehose, SQS and IoT later): command names, their flags with types and
// help, and a handler that calls the engine and returns AWS's response object. The parser,
// help, completion and dispatcher read only these tables.

/** How a flag's text becomes a value, following the AWS CLI's parameter types. */
export type FlagType =
  | 'string'
  | 'integer'
  | 'boolean'
  /** Raw text; the handler decides between base64 and plain text, as the CLI's blob handling does. */
  | 'blob'
  /** Epoch seconds or ISO 8601, read as virtual time (the simulation starts at epoch 0). */
  | 'timestamp'
  /** Shorthand `Key=Value,Key2=Value2` or JSON `{"Key": "Value"}`. */
  | 'structure'
  /** One or more shorthand words, or a JSON array. */
  | 'list'
  /** One or more plain words, or a JSON array of strings (`--attribute-names All`). */
  | 'strings';

export interface MemberSpec {
  name: string;
  type: 'string' | 'integer' | 'blob';
  required?: boolean;
  choices?: readonly string[];
}

export interface FlagSpec<C = unknown> {
  /** Without the leading dashes: `stream-name`. */
  name: string;
  type: FlagType;
  required?: boolean;
  help: string;
  /** Values for help and Tab completion; the service, not the parser, rejects others (as AWS does). */
  choices?: readonly string[];
  /** Members of a structure or of each list entry. */
  members?: readonly MemberSpec[];
  /** Values worth offering on Tab (stream names, shard ids…) from the running engine. */
  suggest?(ctx: C, args: Args): string[];
}

export interface CommandSpec<C = unknown> {
  name: string;
  /** The API operation, as error lines name it: `DescribeStreamSummary`. */
  operation: string;
  summary: string;
  flags: readonly FlagSpec<C>[];
  /**
   * One positional argument (`aws s3 ls s3://bucket/prefix/`), read into Args under its name.
   * Commands without it refuse bare words, as before.
   */
  positional?: { name: string; help: string; required?: boolean };
  /** Returns AWS's response object, or undefined when AWS answers with an empty body. */
  run(ctx: C, args: Args): object | undefined;
  /** Text the CLI prints instead of JSON (the `aws s3` commands print listings, not JSON). */
  render?(response: object): string;
}

export interface ServiceTable<C = unknown> {
  service: string;
  summary: string;
  commands: readonly CommandSpec<C>[];
}

export type Scalar = string | number | boolean;
export type StructureValue = Record<string, Scalar>;
export type FlagValue = Scalar | StructureValue | StructureValue[] | string[];

/** Parsed flag values with typed accessors; required flags are checked before a handler runs. */
export class Args {
  constructor(readonly values: ReadonlyMap<string, FlagValue>) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  string(name: string): string {
    const v = this.optString(name);
    if (v === undefined) throw new Error(`flag --${name} is missing (the table should mark it required)`);
    return v;
  }

  optString(name: string): string | undefined {
    const v = this.values.get(name);
    return typeof v === 'string' ? v : undefined;
  }

  int(name: string): number {
    const v = this.optInt(name);
    if (v === undefined) throw new Error(`flag --${name} is missing (the table should mark it required)`);
    return v;
  }

  optInt(name: string): number | undefined {
    const v = this.values.get(name);
    return typeof v === 'number' ? v : undefined;
  }

  bool(name: string): boolean {
    return this.values.get(name) === true;
  }

  structure(name: string): StructureValue | undefined {
    const v = this.values.get(name);
    return v !== undefined && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  }

  list(name: string): StructureValue[] {
    const v = this.values.get(name);
    return Array.isArray(v) ? v.filter((item): item is StructureValue => typeof item === 'object') : [];
  }

  strings(name: string): string[] {
    const v = this.values.get(name);
    return Array.isArray(v) ? v.filter((item): item is string => typeof item === 'string') : [];
  }
}
