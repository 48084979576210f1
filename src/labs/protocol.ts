import { z } from 'zod';
import type { ConsoleAnswer } from './console.js';
import type { Lab, SettingValue, SolutionLanguage } from './model.js';
import type { LabBest } from './results.js';
import type { LabRunOutcome } from './run.js';
import type { RunProgress } from '../sim/scenario/progress.js';

// What the Labs screens ask the app's `labs` port and what it reports back: the shape of the
// conversation only, so the screens (src/ui) and the port (src/cli) agree without importing
// each other.

/** What the learner typed or chose in a lab, kept in `<data>/labs/<id>/draft.json`. */
export const labDraftSchema = z.object({
  hintsShown: z.number().int().min(0).default(0),
  commands: z.array(z.string()).default([]),
  settings: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
});

export type LabDraft = z.output<typeof labDraftSchema>;

export const emptyDraft = (): LabDraft => ({ hintsShown: 0, commands: [], settings: {} });

/** A lab file as the list shows it: the lab, or why it cannot be opened. */
export interface LabListing {
  file: string;
  lab: Lab | null;
  /** The first error, as `file:line: message`, when the lab did not load. */
  problem?: string;
}

export type LabRequest =
  | { kind: 'list' }
  | { kind: 'open'; lab: Lab }
  | { kind: 'save'; lab: string; draft: LabDraft }
  | { kind: 'run'; runId: number; lab: Lab; language: SolutionLanguage; text: string; file: string }
  /** Code labs: the learner's file is read when the run starts. */
  | { kind: 'run-file'; runId: number; lab: Lab }
  | { kind: 'cancel'; runId: number }
  /**
   * The console's kept lines answered as the run answers them, timed lines after the traffic
   * before them; a newer preview of the same lab replaces one still going.
   */
  | { kind: 'preview'; previewId: number; lab: Lab; commands: string[] }
  /** A line for the inspect console, answered by the world the lab's last run left. */
  | { kind: 'inspect'; lab: string; id: number; line: string }
  /** The lab is left: its last run's world is let go. */
  | { kind: 'release'; lab: string };

export type LabReport =
  | { type: 'listed'; labs: LabListing[]; best: [string, LabBest][] }
  | { type: 'opened'; lab: string; draft: LabDraft; codeFile: string | null; best: LabBest | null; notice?: string }
  | { type: 'runProgress'; runId: number; progress: RunProgress }
  | { type: 'runDone'; runId: number; outcome: LabRunOutcome; best: LabBest | null }
  | { type: 'previewed'; lab: string; previewId: number; answers: ConsoleAnswer[] }
  | { type: 'inspected'; lab: string; id: number; answer: ConsoleAnswer }
  | { type: 'portFailed'; what: string; message: string };

export type { SettingValue };
