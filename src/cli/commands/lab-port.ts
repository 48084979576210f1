import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic } from '../../content/diagnostics.js';
import type { CodeRunner, Lab } from '../../labs/index.js';
import { answerAfterRun, LabConsole } from '../../labs/console.js';
import { loadLabs } from '../../labs/load.js';
import { emptyDraft, labDraftSchema, type LabDraft, type LabReport, type LabRequest } from '../../labs/protocol.js';
import { bestScores, LAB_RESULTS_JOURNAL, labResultEntry, readLabResult, type LabBest, type LabResultEntry } from '../../labs/results.js';
import { runLabText } from '../../labs/run.js';
import { starterCommands } from '../../labs/starter.js';
import { writeFileAtomic } from '../../store/atomic.js';
import { appendEntries, readEntries } from '../../store/journal.js';
import type { Outcome } from '../../sim/commands/dispatch.js';
import type { TaskPort } from '../../ui/tasks.js';

// The app's `labs` port: the Labs screens' I/O. It lists the labs folder, keeps each lab's
// draft (what the learner typed or chose) and code file in `<data>/labs/<id>/`, runs a lab in
// slices so the screen can draw its progress, and records every scored run in the lab-results
// journal that best scores are read from.

export interface LabPortOptions {
  labsDir: string;
  dataDir: string;
  codeRunner?: CodeRunner;
  now: () => number;
}

function journalPath(dataDir: string): string {
  return join(dataDir, `${LAB_RESULTS_JOURNAL}.jsonl`);
}

/** Adds one run to the journal; a failure to write is said, never fatal to the run. */
export function recordLabResult(dataDir: string, entry: LabResultEntry, warn: (message: string) => void): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    appendEntries(journalPath(dataDir), [entry]);
  } catch (error) {
    warn(`lab result not saved: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function readBest(dataDir: string): Map<string, LabBest> {
  return bestScores(readEntries(journalPath(dataDir), readLabResult).entries);
}

function labDir(dataDir: string, id: string): string {
  return join(dataDir, 'labs', id);
}

/** A lab never opened: a commands lab's console starts from its starter lines, to be edited. */
function firstDraft(lab: Lab): LabDraft {
  return { ...emptyDraft(), commands: starterCommands(lab) };
}

/** The draft on disk; an unreadable one is set aside (never overwritten) and the lab starts afresh. */
function readDraft(dataDir: string, lab: Lab, now: number): { draft: LabDraft; notice?: string } {
  const { id } = lab;
  const path = join(labDir(dataDir, id), 'draft.json');
  if (!existsSync(path)) return { draft: firstDraft(lab) };
  try {
    const parsed = labDraftSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) return { draft: parsed.data };
  } catch {
    // set aside below
  }
  const aside = `${path}.corrupt-${now}`;
  renameSync(path, aside);
  return { draft: firstDraft(lab), notice: `draft.json of ${id} could not be read; kept as ${aside}` };
}

/** A code lab's file, created from the starter the first time the lab is opened. */
function codeFile(dataDir: string, lab: Lab): string | null {
  if (lab.solve !== 'code') return null;
  const ext = lab.starter.language === 'js' ? 'js' : 'ts';
  const dir = labDir(dataDir, lab.id);
  const path = join(dir, `solution.${ext}`);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    // `wx`: never replace a file that appeared meanwhile; the learner's work wins.
    try {
      writeFileSync(path, lab.starter.text.endsWith('\n') ? lab.starter.text : `${lab.starter.text}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return path;
}

export function labsPort(options: LabPortOptions): TaskPort {
  const running = new Map<number, AbortController>();
  /**
   * Each lab's last finished run, as the run left its world: the inspect console's lines are
   * answered by it. Let go when the lab runs again or is left.
   */
  const worlds = new Map<string, { execute(line: string): Outcome }>();
  const finish = (deliver: (a: LabReport) => void, runId: number, lab: Lab, outcome: Awaited<ReturnType<typeof runLabText>>, world: { execute(line: string): Outcome } | undefined) => {
    running.delete(runId);
    if (outcome.ok && outcome.result.metrics !== null && world) worlds.set(lab.id, world);
    if (outcome.ok && outcome.result.error?.reason !== 'no-runner') {
      recordLabResult(options.dataDir, labResultEntry(outcome.result, lab.solve, 'app', options.now()), (message) => deliver({ type: 'portFailed', what: 'record', message }));
    }
    deliver({ type: 'runDone', runId, outcome, best: readBest(options.dataDir).get(lab.id) ?? null });
  };
  const run = (deliver: (a: LabReport) => void, runId: number, lab: Lab, language: Parameters<typeof runLabText>[1], text: string, file: string) => {
    const controller = new AbortController();
    running.set(runId, controller);
    worlds.delete(lab.id);
    let world: { execute(line: string): Outcome } | undefined;
    runLabText(lab, language, text, file, {
      ...(options.codeRunner ? { codeRunner: options.codeRunner } : {}),
      signal: controller.signal,
      onProgress: (progress) => deliver({ type: 'runProgress', runId, progress }),
      onWorld: (run) => {
        world = run.dispatcher;
      },
    }).then(
      (outcome) => finish(deliver, runId, lab, outcome, world),
      (error: unknown) => {
        running.delete(runId);
        deliver({ type: 'portFailed', what: 'run', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  };

  // One preview at a time per lab: the newest kept lines are the only ones worth answering.
  const previews = new Map<string, AbortController>();
  const preview = (deliver: (a: LabReport) => void, request: Extract<LabRequest, { kind: 'preview' }>) => {
    previews.get(request.lab.id)?.abort();
    const controller = new AbortController();
    previews.set(request.lab.id, controller);
    new LabConsole(request.lab).preview(request.commands, { signal: controller.signal }).then(
      (answers) => {
        if (previews.get(request.lab.id) === controller) previews.delete(request.lab.id);
        if (answers) deliver({ type: 'previewed', lab: request.lab.id, previewId: request.previewId, answers });
      },
      (error: unknown) => deliver({ type: 'portFailed', what: 'preview', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => controller.abort();
  };

  return (raw, deliverAny) => {
    const request = raw as LabRequest;
    const deliver = deliverAny as (a: LabReport) => void;
    try {
      switch (request.kind) {
        case 'list': {
          const index = loadLabs(options.labsDir);
          const labs = index.files.map((f) => {
            const error = f.diagnostics.find((d) => d.severity === 'error');
            return { file: f.file, lab: f.lab, ...(f.lab || !error ? {} : { problem: formatDiagnostic(error) }) };
          });
          deliver({ type: 'listed', labs, best: [...readBest(options.dataDir)] });
          return;
        }
        case 'open': {
          const { draft, notice } = readDraft(options.dataDir, request.lab, options.now());
          deliver({ type: 'opened', lab: request.lab.id, draft, codeFile: codeFile(options.dataDir, request.lab), best: readBest(options.dataDir).get(request.lab.id) ?? null, ...(notice ? { notice } : {}) });
          return;
        }
        case 'save': {
          const dir = labDir(options.dataDir, request.lab);
          mkdirSync(dir, { recursive: true });
          writeFileAtomic(join(dir, 'draft.json'), `${JSON.stringify(request.draft, null, 2)}\n`);
          return;
        }
        case 'run':
          return run(deliver, request.runId, request.lab, request.language, request.text, request.file);
        case 'run-file': {
          const path = codeFile(options.dataDir, request.lab)!;
          const language = path.endsWith('.js') ? 'js' : 'ts';
          return run(deliver, request.runId, request.lab, language, readFileSync(path, 'utf8'), path);
        }
        case 'preview':
          return preview(deliver, request);
        case 'inspect': {
          const world = worlds.get(request.lab);
          const answer = world ? answerAfterRun(world, request.line) : { ok: false, kind: 'not-run' as const, text: 'no run to inspect: run the lab (r), then look at the world it left', atMs: null };
          deliver({ type: 'inspected', lab: request.lab, id: request.id, answer });
          return;
        }
        case 'release':
          worlds.delete(request.lab);
          return;
        case 'cancel':
          running.get(request.runId)?.abort();
          running.delete(request.runId);
          return;
      }
    } catch (error) {
      deliver({ type: 'portFailed', what: request.kind, message: error instanceof Error ? error.message : String(error) });
    }
  };
}
