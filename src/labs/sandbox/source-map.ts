// Reads the `mappings` of a version-3 source map, enough to turn a position in the compiled
// module back into the learner's line and column. esbuild writes one segment per token, so the
// nearest segment at or before a column is the token the error points at.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** [generated column, source line, source column], all 0-based, per generated line. */
export type DecodedMap = [number, number, number][][];

export function decodeMappings(mappings: string): DecodedMap {
  const out: DecodedMap = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  let sourceIndex = 0;
  for (const line of mappings.split(';')) {
    const segments: [number, number, number][] = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = B64.indexOf(ch);
        if (digit < 0) break;
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0] ?? 0;
      if (fields.length >= 4) {
        sourceIndex += fields[1]!;
        sourceLine += fields[2]!;
        sourceColumn += fields[3]!;
        if (sourceIndex === 0) segments.push([column, sourceLine, sourceColumn]);
      }
    }
    out.push(segments);
  }
  return out;
}

/** The learner's 1-based line and column for a 1-based position in the compiled code. */
export function originalPosition(map: DecodedMap, line: number, column: number): { line: number; column: number } | undefined {
  const segments = map[line - 1];
  if (!segments || segments.length === 0) return undefined;
  let best = segments[0]!;
  for (const s of segments) {
    if (s[0] <= column - 1) best = s;
    else break;
  }
  return { line: best[1] + 1, column: best[2] + 1 };
}
