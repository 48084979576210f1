// The part of jq that dynamic partitioning's inline parsing needs: a path into a JSON record
// (`.customerId`, `.device.region`, `.["event type"]`) whose value becomes the partition key.
// Firehose runs full jq 1.6; the engine takes paths only, which is what partition keys usually are.

export interface JqPath {
  /** The expression as written. */
  text: string;
  segments: string[];
}

/** Parses `.a.b` or `.["a b"]`; null when the expression is not a plain path. */
export function parsePath(text: string): JqPath | null {
  const t = text.trim();
  if (!t.startsWith('.')) return null;
  const segments: string[] = [];
  let i = 0;
  while (i < t.length) {
    if (t.startsWith('.["', i) || t.startsWith('["', i)) {
      const start = t.indexOf('"', i) + 1;
      const end = t.indexOf('"]', start);
      if (end === -1) return null;
      segments.push(t.slice(start, end));
      i = end + 2;
    } else if (t[i] === '.') {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(t.slice(i + 1));
      if (!m) return null;
      segments.push(m[0]);
      i += 1 + m[0].length;
    } else {
      return null;
    }
  }
  return segments.length > 0 ? { text: t, segments } : null;
}

/** The key's name in `!{partitionKeyFromQuery:NAME}`: the path's last segment. */
export function keyName(path: JqPath): string {
  return path.segments[path.segments.length - 1]!;
}

/** The scalar at `path` in a JSON record, as text; undefined when the record is not JSON or has no such scalar. */
export function extract(body: string, path: JqPath): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  for (const segment of path.segments) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** The value at `path`, for comparisons (a transform rule's `failWhen`). */
export function lookup(body: string, path: JqPath): unknown {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  for (const segment of path.segments) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
