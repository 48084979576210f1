import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabConsole } from '../../src/labs/console.js';
import { loadLabFile } from '../../src/labs/load.js';
import { type CommandResult, runLabText } from '../../src/labs/run.js';
import { parseCommandLines } from '../../src/labs/solution.js';

// The console's preview of a timed line must be the answer the run gives it. In iot-shadow-sync
// the thermostat's reports move the shadow's version while the run goes on, so an update timed
// for later that names the right version is only accepted if the preview plays that traffic.

const lab = loadLabFile(join(import.meta.dirname, '..', '..', 'labs', 'iot-shadow-sync.md'), 'iot-shadow-sync.md').lab!;

/** A solution as the console keeps it: one line per command, each with its `at` prefix. */
function consoleLines(text: string): string[] {
  const parsed = parseCommandLines(text, 'x');
  if (!parsed.ok || parsed.solution.kind !== 'commands') throw new Error('solution does not parse');
  return parsed.solution.lines.map((l) => (l.atMs === null ? l.command : `at ${l.atMs / 1000}s: ${l.command}`));
}

async function runCommands(lines: string[]): Promise<CommandResult[]> {
  const outcome = await runLabText(lab, 'sh', lines.join('\n'), 'console');
  if (!outcome.ok) throw new Error('run failed');
  return outcome.result.metrics!.commands as CommandResult[];
}

describe('the console preview of timed lines', () => {
  it.each(['solution', 'starter'] as const)("answers the %s's lines as the run does", async (which) => {
    const lines = consoleLines(lab[which].text);
    expect(lines.some((l) => l.startsWith('at '))).toBe(true);
    const preview = (await new LabConsole(lab).preview(lines))!;
    const run = await runCommands(lines);
    expect(preview.map((a) => a.ok)).toEqual(run.map((r) => r.ok));
    preview.forEach((a, i) => {
      const r = run[i]!;
      expect(a.atMs).toBe(r.atMs);
      if (r.ok) expect(JSON.parse(a.text || 'null')).toEqual(r.output ?? null);
      else expect(a.text).toBe(r.error);
    });
  });

  it('accepts an update naming the version the traffic has brought the shadow to by then', async () => {
    const get = 'aws iot-data get-thing-shadow --thing-name hvac-0042 out.json';
    const [read] = (await new LabConsole(lab).preview([`at 25s: ${get}`]))!;
    const version = JSON.parse(read!.text).version as number;
    // Before the run the shadow is at version 1: the traffic moved it, and only a full preview knows.
    expect(version).toBeGreaterThan(1);
    const update = `at 25s: aws iot-data update-thing-shadow --thing-name hvac-0042 --cli-binary-format raw-in-base64-out --payload '{"state": {"desired": {"target": 23}}, "version": ${version}}' out.json`;
    const [answer] = (await new LabConsole(lab).preview([update]))!;
    expect(answer).toMatchObject({ ok: true, kind: 'response', atMs: 25_000 });
    const [run] = await runCommands([update]);
    expect(run!.ok).toBe(true);
  });
});
