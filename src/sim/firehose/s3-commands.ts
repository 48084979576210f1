import { createHash } from 'node:crypto';
import type { CommandSpec, ServiceTable } from '../commands/types.js';
import { AwsError } from '../kinesis/errors.js';
import type { ObjectStore, S3Object } from '../s3.js';
import { isoCli, lsTime } from '../core/calendar.js';

// `aws s3 ls` and `aws s3api list-objects-v2` over the engine's shared object store, so a lab can
// look at what Firehose (or an IoT S3 action) wrote. `ls` prints the CLI's listing, not JSON:
// `PRE name/` for common prefixes and `date time size name` for objects, full keys with
// --recursive. Dates are the virtual clock on the scenario's start date.

export interface S3Context {
  readonly store: ObjectStore;
  readonly epochMs: number;
}

/** What `ls` answers; the time strings are already on the virtual calendar. */
interface Listing {
  buckets?: { Name: string; CreationDate: string }[];
  prefixes: string[];
  objects: { Key: string; Size: number; LastModified: string }[];
  recursive: boolean;
  humanReadable: boolean;
  summarize: boolean;
}

function parsePath(path: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(path);
  if (!m) throw new AwsError('InvalidArgumentException', `s3 path must start with s3://BUCKET; got ${path}`);
  return { bucket: m[1]!, prefix: m[2]! };
}

function bucketObjects(store: ObjectStore, bucket: string, prefix: string): S3Object[] {
  if (!store.bucketNames().includes(bucket)) throw new AwsError('NoSuchBucket', 'The specified bucket does not exist');
  return store.list(bucket, prefix);
}

/** One level under `prefix`, split at the next `/`, as ListObjectsV2 with Delimiter=/ returns it. */
function oneLevel(objects: readonly S3Object[], prefix: string): { prefixes: string[]; objects: S3Object[] } {
  const prefixes = new Set<string>();
  const direct: S3Object[] = [];
  for (const o of objects) {
    const rest = o.key.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash === -1) direct.push(o);
    else prefixes.add(prefix + rest.slice(0, slash + 1));
  }
  return { prefixes: [...prefixes].sort(), objects: direct };
}

/** The CLI's human-readable sizes: `512 Bytes`, `1.5 KiB`, `5.0 MiB`. */
function humanSize(bytes: number): string {
  if (bytes === 1) return '1 Byte';
  if (bytes < 1024) return `${bytes} Bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

function renderListing(response: object): string {
  const l = response as Listing;
  const lines: string[] = [];
  if (l.buckets) return l.buckets.map((b) => `${b.CreationDate} ${b.Name}`).join('\n');
  for (const p of l.prefixes) {
    const parts = p.split('/');
    lines.push(`${'PRE'.padStart(30)} ${parts[parts.length - 2]}/`);
  }
  let total = 0;
  for (const o of l.objects) {
    total += o.Size;
    const size = (l.humanReadable ? humanSize(o.Size) : String(o.Size)).padStart(10);
    const name = l.recursive ? o.Key : o.Key.slice(o.Key.lastIndexOf('/') + 1);
    lines.push(`${o.LastModified} ${size} ${name}`);
  }
  if (l.summarize) lines.push('', `Total Objects: ${l.objects.length}`, `   Total Size: ${l.humanReadable ? humanSize(total) : total}`);
  return lines.join('\n');
}

function etag(o: S3Object): string {
  return `"${createHash('md5').update(`${o.key}:${o.size}:${o.writtenAt}`).digest('hex')}"`;
}

export const s3Commands: ServiceTable<S3Context> = {
  service: 's3',
  summary: 'Amazon S3 (listing the engine’s objects)',
  commands: [
    {
      name: 'ls',
      operation: 'ListObjectsV2',
      summary: 'Lists buckets, or the objects and prefixes under s3://BUCKET/PREFIX (all of them with --recursive).',
      positional: { name: 'path', help: 's3://BUCKET/PREFIX; without it, the buckets.' },
      flags: [
        { name: 'recursive', type: 'boolean', help: 'Every object under the prefix, with its full key.' },
        { name: 'human-readable', type: 'boolean', help: 'Sizes in KiB, MiB….' },
        { name: 'summarize', type: 'boolean', help: 'Print the object count and total size at the end.' },
      ],
      run(ctx, args) {
        const path = args.optString('path');
        const options = { recursive: args.bool('recursive'), humanReadable: args.bool('human-readable'), summarize: args.bool('summarize') };
        const time = (o: S3Object) => lsTime(ctx.epochMs + o.writtenAt);
        if (path === undefined) {
          const buckets = ctx.store.bucketNames().map((name) => ({ Name: name, CreationDate: lsTime(ctx.epochMs + Math.min(...ctx.store.list(name).map((o) => o.writtenAt))) }));
          return { buckets, prefixes: [], objects: [], ...options } satisfies Listing;
        }
        const { bucket, prefix } = parsePath(path);
        const all = bucketObjects(ctx.store, bucket, prefix);
        const level = options.recursive ? { prefixes: [], objects: all } : oneLevel(all, prefix);
        const objects = level.objects.map((o) => ({ Key: o.key, Size: o.size, LastModified: time(o) }));
        return { prefixes: level.prefixes, objects, ...options } satisfies Listing;
      },
      render: renderListing,
    },
  ],
};

export const s3apiCommands: ServiceTable<S3Context> = {
  service: 's3api',
  summary: 'Amazon S3 API (listing the engine’s objects)',
  commands: [
    {
      name: 'list-objects-v2',
      operation: 'ListObjectsV2',
      summary: 'Lists the objects of a bucket (under --prefix; one level with --delimiter /).',
      flags: [
        { name: 'bucket', type: 'string', required: true, help: 'The bucket name.', suggest: (ctx) => ctx.store.bucketNames() },
        { name: 'prefix', type: 'string', help: 'Only keys starting with this.' },
        { name: 'delimiter', type: 'string', help: 'Group keys up to the next delimiter into CommonPrefixes (the engine supports /).' },
        { name: 'start-after', type: 'string', help: 'Keys after this one.' },
        { name: 'max-items', type: 'integer', help: 'At most this many objects.' },
      ],
      run(ctx, args) {
        const prefix = args.optString('prefix') ?? '';
        const after = args.optString('start-after');
        let objects = bucketObjects(ctx.store, args.string('bucket'), prefix).filter((o) => after === undefined || o.key > after);
        let prefixes: string[] | null = null;
        const delimiter = args.optString('delimiter');
        if (delimiter !== undefined) {
          if (delimiter !== '/') throw new AwsError('InvalidArgumentException', 'The engine groups keys by the delimiter / only.');
          const level = oneLevel(objects, prefix);
          objects = level.objects;
          prefixes = level.prefixes;
        }
        const max = args.optInt('max-items');
        if (max !== undefined) objects = objects.slice(0, Math.max(0, max));
        const out: Record<string, unknown> = {
          Contents: objects.map((o) => ({ Key: o.key, LastModified: isoCli(ctx.epochMs + o.writtenAt), ETag: etag(o), Size: o.size, StorageClass: 'STANDARD' })),
        };
        if (prefixes) out.CommonPrefixes = prefixes.map((p) => ({ Prefix: p }));
        out.Prefix = prefix;
        return out;
      },
    },
  ],
};
