// A minimal in-engine S3: buckets of objects with a key, a size and the virtual time written.
// Firehose delivers here and the IoT S3 action writes here; labs check keys, counts and sizes.

export interface S3Object {
  key: string;
  size: number;
  writtenAt: number;
  /** Uncompressed bytes before compression, when the writer compressed. */
  rawSize?: number;
  records?: number;
  /** Kept only when small enough to be useful to a check (bodies of generated traffic are not). */
  body?: string;
}

export class ObjectStore {
  private readonly buckets = new Map<string, Map<string, S3Object>>();

  put(bucket: string, object: S3Object): void {
    let b = this.buckets.get(bucket);
    if (!b) this.buckets.set(bucket, (b = new Map()));
    b.set(object.key, object);
  }

  get(bucket: string, key: string): S3Object | undefined {
    return this.buckets.get(bucket)?.get(key);
  }

  list(bucket: string, prefix = ''): S3Object[] {
    return [...(this.buckets.get(bucket)?.values() ?? [])].filter((o) => o.key.startsWith(prefix)).sort((a, b) => a.key.localeCompare(b.key));
  }

  bucketNames(): string[] {
    return [...this.buckets.keys()].sort();
  }

  /** Per bucket: object count, bytes, and counts per top-level prefix (the part before the first `/`). */
  metrics(): Record<string, { objects: number; bytes: number; prefixes: Record<string, number> }> {
    const out: Record<string, { objects: number; bytes: number; prefixes: Record<string, number> }> = {};
    for (const name of this.bucketNames()) {
      const objects = this.list(name);
      const prefixes: Record<string, number> = {};
      for (const o of objects) {
        const top = o.key.includes('/') ? o.key.slice(0, o.key.indexOf('/') + 1) : '';
        prefixes[top] = (prefixes[top] ?? 0) + 1;
      }
      out[name] = { objects: objects.length, bytes: objects.reduce((n, o) => n + o.size, 0), prefixes };
    }
    return out;
  }
}
