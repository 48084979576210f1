import type { Card, Topic } from '../content/model.js';
import type { Review } from '../store/schema.js';

// Exports in the formats other tools read: Anki's text import (with its header lines) and the
// review log in the CSV shape the FSRS optimizer takes.

/** Anki notes text: tab-separated front, back, tags; one deck per topic via the deck column. */
export function ankiText(topics: readonly Topic[], cards: readonly Card[]): string {
  const path = new Map<string, string>();
  const walk = (t: Topic, prefix: string) => {
    const name = prefix ? `${prefix}::${deckName(t.title)}` : `shardlab::${deckName(t.title)}`;
    path.set(t.id, name);
    t.children.forEach((c) => walk(c, name));
  };
  topics.forEach((t) => walk(t, ''));
  const lines = ['#separator:tab', '#html:true', '#deck column:3', '#tags column:4', '#notetype:Basic'];
  for (const card of cards) {
    const tags = [`shardlab::${card.kind}`, `shardlab::source::${card.source.file.replace(/[^\w.-]/g, '_')}`].join(' ');
    lines.push([html(card.front), html(card.back), path.get(card.topic) ?? 'shardlab', tags].join('\t'));
  }
  return `${lines.join('\n')}\n`;
}

function deckName(title: string): string {
  return title.replace(/::/g, ':').replace(/[\t\n]/g, ' ').trim() || 'Untitled';
}

/** Markdown-ish card text as Anki HTML: escaped, line breaks kept, **bold** and `code` kept. */
function html(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\t/g, ' ')
    .replace(/\n/g, '<br>');
}

/**
 * The FSRS optimizer's review-log CSV: card_id, review_time (epoch ms), review_rating (1–4),
 * review_state (0 New … 3 Relearning), review_duration (ms; 0 when unknown). Card ids are made
 * numeric in first-seen order, because the optimizer groups by an integer id.
 */
export function revlogCsv(reviews: readonly Review[]): { csv: string; cardIds: Map<string, number> } {
  const ids = new Map<string, number>();
  const rows = ['card_id,review_time,review_rating,review_state,review_duration,elapsed_days'];
  for (const r of [...reviews].sort((a, b) => a.at - b.at)) {
    if (!ids.has(r.card)) ids.set(r.card, ids.size + 1);
    rows.push([ids.get(r.card), r.at, r.rating, r.state, r.durationMs ?? 0, r.elapsedDays].join(','));
  }
  return { csv: `${rows.join('\n')}\n`, cardIds: ids };
}
