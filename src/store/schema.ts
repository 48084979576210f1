import { z } from 'zod';

// The progress document. Versioned: a file written by a newer shardlab is refused rather than
// overwritten, and an older one is migrated step by step (MIGRATIONS in store.ts).
export const SCHEMA_VERSION = 1;

/** A flashcard's FSRS state, as ts-fsrs needs it back (dates as epoch milliseconds). */
export const cardStateSchema = z.object({
  due: z.number(),
  stability: z.number(),
  difficulty: z.number(),
  state: z.number().int().min(0).max(3),
  reps: z.number().int().min(0),
  lapses: z.number().int().min(0),
  learningSteps: z.number().int().min(0),
  scheduledDays: z.number().min(0),
  lastReview: z.number().nullable(),
  suspended: z.boolean().default(false),
  buriedUntil: z.number().nullable().default(null),
  /** What the card said when last seen, so an edited card can find its progress again. */
  front: z.string(),
  topic: z.string(),
  /** Set when the card has vanished from the notes: kept until `shardlab progress prune`. */
  orphanedAt: z.number().nullable().default(null),
});

export const settingsSchema = z.object({
  desiredRetention: z.number().min(0.7).max(0.99).default(0.9),
  newCardsPerDay: z.number().int().min(0).max(9999).default(20),
  /** Target exam day, as YYYY-MM-DD. */
  examDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
});

export const progressSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  settings: settingsSchema.default({ desiredRetention: 0.9, newCardsPerDay: 20, examDate: null }),
  cards: z.record(z.string(), cardStateSchema).default({}),
  /** Free-form sections owned by later features (exams, labs); each validates its own part. */
  sections: z.record(z.string(), z.unknown()).default({}),
});

export type CardState = z.output<typeof cardStateSchema>;
export type Settings = z.output<typeof settingsSchema>;
export type Progress = z.output<typeof progressSchema>;

export function emptyProgress(): Progress {
  return progressSchema.parse({ schemaVersion: SCHEMA_VERSION });
}

/** One answer to a flashcard, as the FSRS optimizer wants it (its CSV export reads these). */
export const reviewSchema = z.object({
  card: z.string(),
  /** Epoch ms. */
  at: z.number(),
  rating: z.number().int().min(1).max(4),
  /** Card state before the answer (0 New, 1 Learning, 2 Review, 3 Relearning). */
  state: z.number().int().min(0).max(3),
  elapsedDays: z.number().min(0),
  scheduledDays: z.number().min(0),
  /** Review duration in ms, when known. */
  durationMs: z.number().min(0).optional(),
});

export type Review = z.output<typeof reviewSchema>;

/**
 * An answer taken back with undo, naming the review by card and time. The review log is
 * append-only (a crash can only tear its last line, and it merges under Git), so undo appends one
 * of these to `undone.jsonl` instead of deleting the review; readers leave out reviews named here.
 */
export const undoneSchema = z.object({
  card: z.string(),
  /** The `at` of the review undone. */
  at: z.number(),
  undoneAt: z.number(),
});

export type Undone = z.output<typeof undoneSchema>;
