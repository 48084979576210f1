import type { Card } from '../content/model.js';
import type { CardState } from '../store/schema.js';

// A card's id is a hash of its file and front, so editing the back keeps its progress for free.
// Editing the front makes a new id; this re-links such a card to the progress of the vanished
// card in the same topic whose front is most alike, so fixing a typo does not reset a card.
// Progress that matches nothing is kept as an orphan until `shardlab progress prune`.

export const RELINK_SIMILARITY = 0.75;

export interface IdentitySync {
  relinked: { from: string; to: string; similarity: number }[];
  orphaned: string[];
  restored: string[];
}

/** Mutates `stored` to follow the current cards; returns what changed. */
export function syncCardIdentity(cards: readonly Card[], stored: Record<string, CardState>, now: number): IdentitySync {
  const result: IdentitySync = { relinked: [], orphaned: [], restored: [] };
  const current = new Map(cards.map((c) => [c.id, c]));
  const unmatched = cards.filter((c) => !stored[c.id]);
  const orphans = Object.keys(stored).filter((id) => !current.has(id));

  const candidates: { card: Card; orphan: string; similarity: number }[] = [];
  for (const card of unmatched) {
    for (const orphan of orphans) {
      const state = stored[orphan]!;
      if (state.topic !== card.topic) continue;
      const similarity = textSimilarity(state.front, card.front);
      if (similarity >= RELINK_SIMILARITY) candidates.push({ card, orphan, similarity });
    }
  }
  // Best pairs first, each card and each orphan used once: deterministic for equal scores too.
  candidates.sort((a, b) => b.similarity - a.similarity || a.card.id.localeCompare(b.card.id) || a.orphan.localeCompare(b.orphan));
  const usedCards = new Set<string>();
  const usedOrphans = new Set<string>();
  for (const c of candidates) {
    if (usedCards.has(c.card.id) || usedOrphans.has(c.orphan)) continue;
    usedCards.add(c.card.id);
    usedOrphans.add(c.orphan);
    stored[c.card.id] = { ...stored[c.orphan]!, front: c.card.front, topic: c.card.topic, orphanedAt: null };
    delete stored[c.orphan];
    result.relinked.push({ from: c.orphan, to: c.card.id, similarity: Math.round(c.similarity * 1000) / 1000 });
  }

  // States are replaced, never edited in place: earlier copies of the record may share them.
  for (const [id, state] of Object.entries(stored)) {
    const card = current.get(id);
    if (card) {
      if (state.orphanedAt !== null) result.restored.push(id);
      if (state.orphanedAt !== null || state.front !== card.front || state.topic !== card.topic) stored[id] = { ...state, orphanedAt: null, front: card.front, topic: card.topic };
    } else if (state.orphanedAt === null) {
      stored[id] = { ...state, orphanedAt: now };
      result.orphaned.push(id);
    }
  }
  return result;
}

/** Removes orphaned progress; returns the ids removed. */
export function pruneOrphans(stored: Record<string, CardState>): string[] {
  const removed = Object.keys(stored).filter((id) => stored[id]!.orphanedAt !== null);
  for (const id of removed) delete stored[id];
  return removed;
}

/** 1 − edit distance / longer length, on lower-cased text with runs of space folded. */
export function textSimilarity(a: string, b: string): number {
  const x = normalise(a);
  const y = normalise(b);
  if (x === y) return 1;
  const longest = Math.max(x.length, y.length);
  if (longest === 0) return 1;
  // Lengths far apart cannot reach the threshold; skip the quadratic work.
  if (Math.abs(x.length - y.length) / longest > 1 - RELINK_SIMILARITY) return 1 - Math.abs(x.length - y.length) / longest;
  return 1 - levenshtein(x, y) / longest;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
