import { createHash } from 'node:crypto';

// Kinesis routes a record by the MD5 of its partition key read as a 128-bit unsigned integer.
export const HASH_SPACE = 1n << 128n;
export const MAX_HASH = HASH_SPACE - 1n;

export function md5Hash(partitionKey: string): bigint {
  return BigInt(`0x${createHash('md5').update(partitionKey, 'utf8').digest('hex')}`);
}

/** Producers reuse a bounded set of keys; hashing each once is what keeps routing cheap. */
export class HashCache {
  private readonly cache = new Map<string, bigint>();

  get(partitionKey: string): bigint {
    let h = this.cache.get(partitionKey);
    if (h === undefined) {
      h = md5Hash(partitionKey);
      if (this.cache.size < 1_000_000) this.cache.set(partitionKey, h);
    }
    return h;
  }
}

/** Even floor slices of the hash space, the last one ending at 2^128 − 1 (as AWS creates them). */
export function evenRanges(count: number, start = 0n, end = MAX_HASH): [bigint, bigint][] {
  const span = end - start + 1n;
  const n = BigInt(count);
  const ranges: [bigint, bigint][] = [];
  for (let i = 0n; i < n; i++) {
    const from = start + (span * i) / n;
    const to = i === n - 1n ? end : start + (span * (i + 1n)) / n - 1n;
    ranges.push([from, to]);
  }
  return ranges;
}
