// `npm run seed-coverage:reanchor`: after an edit moves lines in content/, points each
// docs/seed-coverage.md row back at the line that now holds its value. It only ever moves a row to
// a line in the same file holding the same quantity (same base amount and dimension), nearest the
// old line; a value that no longer exists anywhere is reported, not guessed, so the test still
// catches changed values.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findQuantities, parseValue } from '../src/content/quantity.js';

const repo = join(import.meta.dirname, '..');
const docPath = join(repo, 'docs', 'seed-coverage.md');
const ROW = /^\| `([^`]+)` \| `([^`]+)` \| (covered|updated|dropped) \| `content\/([^`:]+):(\d+)` \|(.*)\|$/;

const fileLines = new Map<string, string[]>();
const lines = (file: string) => {
  if (!fileLines.has(file)) fileLines.set(file, readFileSync(join(repo, 'content', file), 'utf8').split('\n'));
  return fileLines.get(file)!;
};

/** The quantity a row promises on its content line: the seed's for covered, the note's new value for updated. */
function wanted(status: string, says: string, note: string) {
  const text = status === 'updated' || status === 'dropped' ? (note.split('→')[1] ?? '').trim() : says;
  return findQuantities(text)[0] ?? parseValue(text)?.quantities[0];
}

const holds = (line: string, q: { base: { amount: number; dimension: string } }) =>
  findQuantities(line).some((x) => x.base.dimension === q.base.dimension && Math.abs(x.base.amount - q.base.amount) <= 1e-9 * Math.max(1, q.base.amount));

let moved = 0;
const lost: string[] = [];
const doc = readFileSync(docPath, 'utf8').split('\n').map((row, i) => {
  const m = ROW.exec(row);
  if (!m) return row;
  const [, seed, says, status, file, lineText, rest] = m as unknown as [string, string, string, string, string, string, string];
  const q = wanted(status, says, rest);
  const old = Number(lineText);
  const content = lines(file);
  if (!q || holds(content[old - 1] ?? '', q)) return row;
  const candidates = content.map((l, j) => (holds(l, q) ? j + 1 : -1)).filter((j) => j > 0);
  if (candidates.length === 0) {
    lost.push(`docs/seed-coverage.md:${i + 1}: ${seed} ${says}: no line of content/${file} holds it any more`);
    return row;
  }
  const nearest = candidates.reduce((a, b) => (Math.abs(b - old) < Math.abs(a - old) ? b : a));
  moved++;
  return row.replace(`content/${file}:${old}`, `content/${file}:${nearest}`);
});
writeFileSync(docPath, doc.join('\n'));
console.log(`${moved} rows re-anchored`);
for (const l of lost) console.log(l);
process.exitCode = lost.length ? 1 : 0;
