import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

// Object compression for S3 delivery. GZIP and ZIP are real (node:zlib over the object's bytes),
// so stored sizes are what Firehose would store for these records. Snappy has no library here:
// its size is a declared ratio of the raw size (SNAPPY_RATIO), and its objects keep no body.

export type Compression = 'none' | 'gzip' | 'snappy' | 'zip';

/**
 * Declared, not measured: Snappy trades ratio for speed and typically shrinks text to a bit over
 * half (Google's snappy README: about 1.5–1.7× for plain text, 2–4× for HTML). The engine uses 0.55.
 */
export const SNAPPY_RATIO = 0.55;

/**
 * AWS does not say which level Firehose uses; 6 is zlib's default and Java's GZIPOutputStream's.
 * It is also the expensive part of a simulated delivery (tens of MiB/s).
 */
export const GZIP_LEVEL = 6;

/** The file extension Firehose gives an object of this format. */
export const EXTENSIONS: Record<Compression, string> = { none: '', gzip: '.gz', snappy: '.snappy', zip: '.zip' };

/** The CompressionFormat API value of each engine name, and back. */
export const API_NAMES: Record<Compression, string> = { none: 'UNCOMPRESSED', gzip: 'GZIP', snappy: 'Snappy', zip: 'ZIP' };

export interface Compressed {
  size: number;
  /** The stored bytes; null when only the size is modelled (Snappy). */
  body: Buffer | null;
}

export function compress(format: Compression, raw: Buffer, entryName = 'data'): Compressed {
  switch (format) {
    case 'none':
      return { size: raw.length, body: raw };
    case 'gzip': {
      const body = gzipSync(raw, { level: GZIP_LEVEL });
      return { size: body.length, body };
    }
    case 'zip': {
      const body = zipOne(entryName, raw);
      return { size: body.length, body };
    }
    case 'snappy':
      return { size: Math.ceil(raw.length * SNAPPY_RATIO), body: null };
  }
}

/** A ZIP archive of one deflated entry: local header, data, central directory, end record. */
function zipOne(name: string, raw: Buffer): Buffer {
  const data = deflateRawSync(raw);
  const fileName = Buffer.from(name, 'utf8');
  const crc = crc32(raw) >>> 0;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt16LE(0, 6); // flags
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(0, 10); // time and date: the DOS epoch, so bytes never depend on a clock
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(raw.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(0, 12);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(raw.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  central.writeUInt32LE(0, 42); // offset of the local header
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + fileName.length, 12);
  end.writeUInt32LE(30 + fileName.length + data.length, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}
