import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { Simulation } from '../core/simulation.js';
import { parseCommand } from '../commands/dispatch.js';
import { AwsError } from '../kinesis/errors.js';
import { KinesisService } from '../kinesis/service.js';
import { PLUGINS } from '../plugin-registry.js';
import { fullScenarioSpec } from './full-spec.js';
import type { ScenarioSpec } from './spec.js';

// Reads a scenario file and says exactly where it is wrong: every problem is one line with
// file:line:column, found by walking the YAML nodes along the failing path. Beyond the schema it
// checks what the schema cannot: names that refer to streams, duplicate names, stream settings
// the service would refuse, action commands that do not parse, and times past the end.

export interface ScenarioProblem {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

export type LoadResult = { ok: true; spec: ScenarioSpec; warnings: ScenarioProblem[] } | { ok: false; problems: ScenarioProblem[] };

type Path = readonly (string | number)[];

/** Compiler-style line, as `shardlab content lint` prints: `file:3:7 error message`. */
export function formatProblem(p: ScenarioProblem): string {
  return `${p.file}:${p.line}:${p.column} ${p.severity} ${p.message}`;
}

export function loadScenarioFile(path: string, displayName = path): LoadResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { ok: false, problems: [{ file: displayName, line: 1, column: 1, severity: 'error', message: reason }] };
  }
  return loadScenarioText(text, displayName);
}

export function loadScenarioText(text: string, file: string): LoadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, severity: ScenarioProblem['severity'], message: string): ScenarioProblem => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, severity, message };
  };
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => at(e.pos[0], 'error', firstLine(e.message))) };
  }
  const value: unknown = doc.toJS();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problems: [at(0, 'error', 'a scenario is a YAML mapping with at least `duration` (see docs/scenarios.md)')] };
  }
  const locate = (path: Path, key?: string) => locateNode(doc, path, key);

  const parsed = fullScenarioSpec().safeParse(value);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => issueProblem(issue, locate, at)) };
  }
  const spec = parsed.data as ScenarioSpec;
  spec.name ??= basename(file, extname(file));
  const problems = crossCheck(spec).map((c) => {
    const where = locate(c.path);
    return at(where.offset, c.severity, `${pathText(c.path)}: ${c.message}`);
  });
  const errors = problems.filter((p) => p.severity === 'error');
  return errors.length > 0 ? { ok: false, problems } : { ok: true, spec, warnings: problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

export function pathText(path: Path): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

// --- schema issues -------------------------------------------------------------------------

type Issue = z.core.$ZodIssue;

function issueProblem(
  issue: Issue,
  locate: (path: Path, key?: string) => { offset: number; found: boolean },
  at: (offset: number, severity: 'error', message: string) => ScenarioProblem,
): ScenarioProblem {
  const { issue: best, path } = bestIssue(issue, []);
  if (best.code === 'unrecognized_keys') {
    const key = best.keys[0]!;
    const where = locate(path, key);
    const others = best.keys.length > 1 ? ` (also: ${best.keys.slice(1).join(', ')})` : '';
    return at(where.offset, 'error', `${pathText([...path, key])}: unknown field${others}`);
  }
  const where = locate(path);
  if (!where.found) {
    const options = 'options' in best && Array.isArray(best.options) ? ` (one of ${best.options.map((o) => `"${String(o)}"`).join(', ')})` : '';
    return at(where.offset, 'error', `${pathText(path)}: required field is missing${options}`);
  }
  const message = best.message.replace(/^Invalid input: /, '').replace(/^Invalid discriminator value\. Expected /, 'expected one of ');
  return at(where.offset, 'error', path.length ? `${pathText(path)}: ${message}` : message);
}

/**
 * A union's issue says only "Invalid input"; the branch that got furthest says what is wrong
 * (a size written as text reports the size branch, not "expected object").
 */
function bestIssue(issue: Issue, prefix: Path): { issue: Issue; path: Path } {
  const path = [...prefix, ...(issue.path as (string | number)[])];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path };
  const score = (branch: Issue[]) => {
    const depth = Math.max(...branch.map((i) => i.path.length));
    const typeOnly = branch.every((i) => i.code === 'invalid_type' || i.code === 'invalid_union');
    return [depth, typeOnly ? 0 : 1, -branch.length];
  };
  let best = issue.errors[0]!;
  for (const branch of issue.errors.slice(1)) {
    const [a, b] = [score(branch), score(best)];
    if (a[0]! > b[0]! || (a[0] === b[0] && (a[1]! > b[1]! || (a[1] === b[1] && a[2]! > b[2]!)))) best = branch;
  }
  return bestIssue(best[0]!, path);
}

// --- positions -----------------------------------------------------------------------------

/**
 * Offset of the node at `path` (or of `key` inside it). A path that leaves the document points
 * at the mapping that should have held it, with found = false.
 */
function locateNode(doc: Document, path: Path, key?: string): { offset: number; found: boolean } {
  let node: Node | null = doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return { offset, found: false };
      const keyNode = pair.key as Node;
      node = (pair.value as Node | null) ?? null;
      // An empty value (`rate:`) has no range of its own; its key stands in.
      offset = node?.range?.[0] ?? keyNode.range?.[0] ?? offset;
      if (!node) return { offset, found: true };
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) return { offset, found: false };
      node = item;
      offset = item.range?.[0] ?? offset;
    } else {
      return { offset, found: false };
    }
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    const keyNode = pair?.key as Node | undefined;
    if (keyNode?.range) offset = keyNode.range[0];
  }
  return { offset, found: true };
}

// --- cross-checks --------------------------------------------------------------------------

interface Check {
  path: Path;
  severity: 'error' | 'warning';
  message: string;
}

function crossCheck(spec: ScenarioSpec): Check[] {
  const checks: Check[] = [];
  const error = (path: Path, message: string) => checks.push({ path, severity: 'error', message });
  const warn = (path: Path, message: string) => checks.push({ path, severity: 'warning', message });
  const end = spec.duration;
  const late = (path: Path, ms: number, what: string) => {
    if (ms >= end) warn(path, `${what} at ${seconds(ms)} is at or after the end (duration ${seconds(end)}); it never happens`);
  };

  const streams = spec.kinesis.streams;
  for (const plugin of PLUGINS) {
    const section = spec[plugin.key];
    if (section === undefined || !plugin.check) continue;
    const sections = Object.fromEntries(PLUGINS.map((p) => [p.key, spec[p.key]]));
    for (const c of plugin.check(section, { streams: streams.map((s) => s.name), sections })) error([plugin.key, ...c.path], c.message);
  }
  duplicates(streams.map((s) => s.name), (i, name) => error(['kinesis', 'streams', i, 'name'], `stream "${name}" is defined twice`));
  const scratch = new KinesisService(new Simulation({ seed: 0 }));
  streams.forEach((s, i) => {
    const base = ['kinesis', 'streams', i];
    if (scratch.streams.has(s.name)) return; // a duplicate, reported above
    if (s.mode === 'on-demand' && s.shards !== undefined) warn([...base, 'shards'], 'ignored in on-demand mode: AWS manages the shards');
    // The service's own checks, so a bad retention or record size is reported here, with its line.
    const attempt = (field: string, run: () => void) => {
      try {
        run();
      } catch (e) {
        if (!(e instanceof AwsError)) throw e;
        error([...base, field], e.message);
      }
    };
    let created: ReturnType<KinesisService['createStream']> | null = null;
    attempt(/^[a-zA-Z0-9_.-]{1,128}$/.test(s.name) ? 'shards' : 'name', () => {
      created = scratch.createStream(`${s.name}`, { mode: s.mode === 'on-demand' ? 'ON_DEMAND' : 'PROVISIONED', shardCount: s.shards ?? 1 });
    });
    const stream = created as ReturnType<KinesisService['createStream']> | null;
    if (!stream) return;
    if (s.retention % 3_600_000 !== 0) error([...base, 'retention'], `retention must be whole hours (24h to 8760h); got ${s.retention / 3_600_000} h`);
    else attempt('retention', () => scratch.setRetention(stream, s.retention / 3_600_000));
    if (s.maxRecordSize !== undefined) {
      if (s.maxRecordSize % 1024 !== 0) error([...base, 'maxRecordSize'], `maxRecordSize must be whole KiB (1MiB to 10MiB); got ${s.maxRecordSize} bytes`);
      else attempt('maxRecordSize', () => scratch.setMaxRecordSize(stream, s.maxRecordSize! / 1024));
    }
  });
  const known = new Set(streams.map((s) => s.name));
  const undefinedStream = (path: Path, name: string) => error(path, `stream "${name}" is not defined under kinesis.streams${suggest(name, known)}`);

  duplicates(spec.producers.map((p) => p.name), (i, name) => error(['producers', i, 'name'], `producer "${name}" is defined twice`));
  spec.producers.forEach((p, i) => {
    const base = ['producers', i];
    if (!known.has(p.stream)) undefinedStream([...base, 'stream'], p.stream);
    late([...base, 'start'], p.start, 'start');
    if (p.stop !== undefined && p.stop <= p.start) error([...base, 'stop'], `stop (${seconds(p.stop)}) must come after start (${seconds(p.start)})`);
    p.schedule?.forEach((step, j) => late([...base, 'schedule', j, 'at'], step.at, 'this step'));
  });

  duplicates(spec.consumers.map((c) => c.name), (i, name) => error(['consumers', i, 'name'], `consumer "${name}" is defined twice`));
  spec.consumers.forEach((c, i) => {
    if (!known.has(c.stream)) undefinedStream(['consumers', i, 'stream'], c.stream);
    if (c.kind === 'kcl') {
      c.failures.forEach((f, j) => {
        if (f.worker >= c.workers) error(['consumers', i, 'failures', j, 'worker'], `worker ${f.worker} does not exist (workers are numbered 0 to ${c.workers - 1})`);
        late(['consumers', i, 'failures', j, 'at'], f.at, 'this failure');
      });
    }
  });

  spec.actions.forEach((a, i) => {
    late(['actions', i, 'at'], a.at, 'this action');
    const parsed = parseCommand(a.do);
    if (parsed.kind === 'help') error(['actions', i, 'do'], 'an action runs a command; "help" only prints help');
    else if (parsed.kind === 'usage-error') {
      const message = parsed.invalid !== undefined ? `unknown ${parsed.error.includes('argument command') ? 'service' : 'command'} "${parsed.invalid}"${suggest(parsed.invalid, new Set(parsed.choices))}` : parsed.error;
      error(['actions', i, 'do'], `command does not parse: ${message}`);
    }
  });
  return checks;
}

function duplicates(names: readonly (string | undefined)[], report: (index: number, name: string) => void): void {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name === undefined) return;
    if (seen.has(name)) report(i, name);
    seen.add(name);
  });
}

/** "; did you mean …?" for a near miss, else the list of valid names when it is short. */
function suggest(name: string, valid: ReadonlySet<string>): string {
  const names = [...valid];
  const near = names.filter((n) => distance(n, name) <= Math.max(1, Math.floor(name.length / 3)));
  if (near.length > 0) return `; did you mean "${near[0]}"?`;
  if (names.length === 0) return '';
  return names.length <= 6 ? ` (defined: ${names.join(', ')})` : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
