import type { FRecord } from './buffer.js';

// What the delivered records say, not only how many there were: a lab about a transformation has
// to tell a function that reshapes records from one that passes them through with `Ok`. Each
// delivered record's data (less one trailing newline) is read as JSON and counted by its shape
// (its top-level fields and their JSON types); the numeric fields are added up, so a check can
// compare a total with what the input implies; and the first record is kept as a sample for
// check texts. Maps stop growing at MAX_KEYS entries so an odd stream cannot swell the document.

export const MAX_KEYS = 20;
/** The sample is cut here, so a long record cannot fill a check's text. */
export const SAMPLE_CHARS = 200;

export const NOT_JSON = '(not JSON)';
export const OTHER_SHAPES = '(other shapes)';

export interface DeliveredContent {
  /**
   * Records by shape, most records first: `amountCents:number,sku:string` (fields sorted), or
   * `(array)`, `(string)`, `(not JSON)`… A list rather than a map, so a check can ask for a shape
   * the run never delivered and read 0 instead of failing on a missing key.
   */
  shapes: { shape: string; records: number }[];
  /** Totals of the top-level numeric fields of the records that are JSON objects, by field name. */
  sums: { field: string; total: number }[];
  /** The first record delivered, cut to SAMPLE_CHARS characters; null until one is. */
  first: string | null;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The shape of one record's data, and the object itself when it is one. */
export function shapeOf(data: string): { shape: string; object: Record<string, unknown> | null } {
  const text = data.endsWith('\n') ? data.slice(0, -1) : data;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { shape: NOT_JSON, object: null };
  }
  const type = typeOf(value);
  if (type !== 'object') return { shape: `(${type})`, object: null };
  const object = value as Record<string, unknown>;
  const shape = Object.keys(object).sort().map((k) => `${k}:${typeOf(object[k])}`).join(',');
  return { shape, object };
}

export class ContentTally {
  private readonly shapes = new Map<string, number>();
  private readonly sums = new Map<string, number>();
  private first: string | null = null;

  add(records: readonly FRecord[]): void {
    for (const r of records) {
      if (this.first === null) this.first = r.body.replace(/\n$/, '').slice(0, SAMPLE_CHARS);
      const { shape, object } = shapeOf(r.body);
      const key = this.shapes.has(shape) || this.shapes.size < MAX_KEYS ? shape : OTHER_SHAPES;
      this.shapes.set(key, (this.shapes.get(key) ?? 0) + 1);
      if (!object) continue;
      for (const [field, value] of Object.entries(object)) {
        if (typeof value !== 'number') continue;
        if (!this.sums.has(field) && this.sums.size >= MAX_KEYS) continue;
        this.sums.set(field, (this.sums.get(field) ?? 0) + value);
      }
    }
  }

  summary(): DeliveredContent {
    const byName = ([a]: [string, number], [b]: [string, number]) => (a < b ? -1 : a > b ? 1 : 0);
    return {
      shapes: [...this.shapes].sort((x, y) => y[1] - x[1] || byName(x, y)).map(([shape, records]) => ({ shape, records })),
      // Rounded so float totals stay byte-stable in JSON.
      sums: [...this.sums].sort(byName).map(([field, total]) => ({ field, total: Math.round(total * 1e6) / 1e6 })),
      first: this.first,
    };
  }
}
